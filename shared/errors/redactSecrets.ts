/**
 * The one redaction point for secrets in text: every RPC error (shared/chain/rpc/FailoverRpc.ts),
 * every log line (the Powertools logger's JSON replacer, shared/observability/powertools.ts), and so
 * every Lambda error that becomes an execution output or an alarm message passes through it.
 *
 * Two rules, both applied:
 * 1. Any `http(s)://` or `ws(s)://` URL keeps its scheme, host and port only: user-info becomes
 *    `***@`, a path or query becomes `/***` (RPC providers put API keys in all three places).
 * 2. Every registered secret (`registerSecrets`: the configured RPC URLs and the key-like parts of
 *    them) is replaced by `***` wherever it appears, also outside a URL (a provider echoing the key
 *    in a response body) and percent-encoded.
 */
const URL_PATTERN = /\b(https?|wss?):\/\/([^\s/?#"'<>\\`@]*@)?([^\s/?#"'<>\\`]+)([^\s"'<>\\`]*)/gi;

/** Registered secrets, longest first so that a key inside a registered URL is not half-replaced. */
let secrets: string[] = [];

/** Parts of a URL shorter than this are not treated as secrets (`v2`, `rpc`, `mainnet`). */
const MIN_SECRET_LENGTH = 8;

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***');
  return out.replace(
    URL_PATTERN,
    (_url, scheme: string, userinfo: string | undefined, host: string, rest: string) => {
      const path = rest === '' || rest === '/' ? rest : '/***';
      return `${scheme}://${userinfo === undefined ? '' : '***@'}${host}${path}`;
    },
  );
}

/**
 * Registers secret values (typically RPC URLs) for `redactSecrets`: for a URL its user-info, path
 * segments and query values of at least 8 characters (raw, percent-decoded and -encoded), for any
 * other value the value itself. Idempotent; called by FailoverRpc with its URLs.
 */
export function registerSecrets(values: readonly string[]): void {
  const found = new Set(secrets);
  const add = (part: string): void => {
    if (part.length < MIN_SECRET_LENGTH) return;
    found.add(part);
    for (const variant of [safeDecode(part), encodeURIComponent(part)]) {
      if (variant.length >= MIN_SECRET_LENGTH) found.add(variant);
    }
  };
  for (const value of values) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      add(value); // not a URL: the whole value is the secret
      continue;
    }
    // Not the whole URL: its scheme and host stay readable (rule 1 hides the rest).
    add(url.username);
    add(url.password);
    for (const segment of url.pathname.split('/')) add(segment);
    for (const pair of url.search.slice(1).split('&')) add(pair.slice(pair.indexOf('=') + 1));
    for (const [, v] of url.searchParams) add(v);
  }
  secrets = [...found].sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
