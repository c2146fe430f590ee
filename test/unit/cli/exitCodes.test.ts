import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_MEANINGS, EXIT_CODES } from '../../../shared/cli/exitCodes.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The rows of the README's `| exit code | meaning |` table, as [code, meaning]. */
function readmeExitCodes(): [number, string][] {
  const start = README.indexOf('| exit code | meaning');
  expect(start, 'the README has an exit-code table').toBeGreaterThan(0);
  const rows: [number, string][] = [];
  for (const line of README.slice(start).split('\n').slice(2)) {
    const cells = /^\|\s*(\d+)\s*\|\s*(.*?)\s*\|$/.exec(line);
    if (cells === null) break;
    rows.push([Number(cells[1]), cells[2] ?? '']);
  }
  return rows;
}

describe('the exit-code table (shared/cli/exitCodes.ts)', () => {
  it('keeps the codes scripts rely on: 0 ok, 1 failed, 2 bad input, 3 environment, 4 pending, 5 busy', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, failed: 1, input: 2, environment: 3, pending: 4, busy: 5 });
  });

  it('gives every code one meaning, and the README prints exactly those rows', () => {
    const codes = Object.values(EXIT_CODES).sort((a, b) => a - b);
    expect(Object.keys(EXIT_CODE_MEANINGS).map(Number)).toEqual(codes);
    expect(readmeExitCodes()).toEqual(codes.map((code) => [code, EXIT_CODE_MEANINGS[code]]));
  });
});
