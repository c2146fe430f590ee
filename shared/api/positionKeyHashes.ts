import { BallastError } from '../errors/BallastError.js';

/** `PUT /v1/positions` keys: protocol id → SHA-256 hex of that protocol's API key. */
export type PositionKeyHashes = Readonly<Record<string, string>>;

const PROTOCOL = /^[a-z0-9][a-z0-9-]{0,31}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Parses the key secret's JSON `{ "<protocol>": "<sha256 hex>" }`. A bad entry fails the whole
 * load (one line naming the protocol, never printing a hash); the secret's text is never echoed.
 */
export function positionKeyHashes(text: string, source: string): PositionKeyHashes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BallastError(`${source}: not valid JSON; expected {"<protocol>": "<sha256 hex of its key>"}`, {
      cause: undefined,
      fix: `rewrite the secret; the JSON parser said: ${(error as Error).name}`,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BallastError(`${source}: expected a JSON object {"<protocol>": "<sha256 hex of its key>"}`);
  const out: Record<string, string> = {};
  for (const [protocol, hash] of Object.entries(parsed)) {
    if (!PROTOCOL.test(protocol))
      throw new BallastError(
        `${source}: protocol "${protocol.slice(0, 40)}" is not allowed; expected 1–32 lower-case letters, digits or '-'`,
      );
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash))
      throw new BallastError(
        `${source}: the entry of "${protocol}" is not a SHA-256 hex digest (64 lower-case hex digits); store the key's hash, never the key`,
      );
    out[protocol] = hash;
  }
  return out;
}
