import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What a doc says about the shell block after it, in an HTML comment on the line before the fence:
 * `<!-- doctest: run -->` (the doc-test runs every command of it, in order),
 * `<!-- doctest: skip: REASON -->` (not run, and why), or
 * `<!-- doctest: output of `COMMAND` -->` (a plain block: what COMMAND, run earlier in the same
 * file, prints; compared line by line after masking hashes, ports and gas).
 */
export type ShellBlockMarker =
  | { readonly kind: 'run' }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'output'; readonly command: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly text: string };

export interface ShellBlock {
  /** Path from the repository root, e.g. `README.md`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language (`sh`, `bash`, or '' for a plain block). */
  readonly lang: string;
  /** The block's lines, without the fence's indentation. */
  readonly body: readonly string[];
  readonly marker: ShellBlockMarker;
}

function parseMarker(line: string | undefined): ShellBlockMarker {
  const comment = /^\s*<!--\s*doctest:\s*(.*?)\s*-->\s*$/.exec(line ?? '');
  if (comment === null) return { kind: 'none' };
  const text = comment[1] ?? '';
  if (text === 'run') return { kind: 'run' };
  const skip = /^skip:\s*(\S.*)$/.exec(text);
  if (skip !== null) return { kind: 'skip', reason: skip[1] ?? '' };
  const output = /^output of `([^`]+)`$/.exec(text);
  if (output !== null) return { kind: 'output', command: output[1] ?? '' };
  return { kind: 'invalid', text };
}

/** Every fenced block of a markdown file, with the doctest marker before it (if any). */
export function shellBlocksOf(root: string, file: string): ShellBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const indent = open[1]?.length ?? 0;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) end++;
    let before = i - 1;
    while (before >= 0 && (lines[before] ?? '').trim() === '') before--;
    blocks.push({
      file,
      line: i + 1,
      lang: open[2] ?? '',
      body: lines.slice(i + 1, end).map((line) => line.slice(indent)),
      marker: parseMarker(lines[before]),
    });
    i = end;
  }
  return blocks;
}

/** README.md and every markdown file under docs/, as paths from the root. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => relative(root, join(root, 'docs', name)))
    .sort();
  return ['README.md', ...docs];
}

/** The commands of a shell block: `\` continuations joined, blank and comment-only lines dropped. */
export function commandsOf(body: readonly string[]): string[] {
  const commands: string[] = [];
  let current = '';
  for (const line of body) {
    if (line.trimEnd().endsWith('\\')) {
      current += `${line.trimEnd().slice(0, -1)} `;
      continue;
    }
    const whole = (current + line).trim();
    current = '';
    if (whole === '' || whole.startsWith('#')) continue;
    commands.push(whole);
  }
  return commands;
}

/**
 * Output made comparable: hashes, addresses, ports, blocks and gas masked, every number written as
 * `#` and runs of spaces as one (the simulator's books follow the wall clock, so the last digits of
 * a liquidity-driven parameter can differ between runs; the lines, columns, statuses and words
 * cannot); blank lines dropped.
 */
export function comparableLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}/g, '0x…')
        .replace(/0x[0-9a-fA-F]{40,64}/g, '0x…')
        .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
        .replace(/block \d+, gas \d+/g, 'block N, gas N')
        .replace(/\d[\d,]*(\.\d+)?/g, '#')
        .replace(/ +/g, ' ')
        .trimEnd(),
    )
    .filter((line) => line.trim() !== '');
}
