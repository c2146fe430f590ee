import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, DATA_DIR } from '../ballastProcess.js';

const run = promisify(execFile);
const ROOT = join(CLI, '..', '..');
/** util-linux `script` runs a command on a pseudo-terminal: stdin is then a TTY, as in a shell. */
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const BYBIT_SAMPLE = join(DATA_DIR, '..', 'orderbook', 'bybit_XRPUSDT_ob500_2024-12-01.jsonl');

describe('ballast parse, as a user runs it', () => {
  it.skipIf(!SCRIPT)(
    'on a terminal with nothing piped in: one line saying so and how to pipe a body, exit 2, no wait (skipped: no util-linux `script`)',
    async () => {
      // stdin of `script` is /dev/null; the command's stdin is the pseudo-terminal. The timeout only
      // guards the test against the old behaviour (waiting forever for a terminal that never ends).
      const result = await run(
        'script',
        ['-qec', `'${process.execPath}' '${CLI}' parse binance orderbook`, '/dev/null'],
        { cwd: ROOT, timeout: 60_000 },
      ).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (error: { code?: number; stdout?: string }) => ({ code: error.code, out: error.stdout ?? '' }),
      );
      expect(result.code, result.out).toBe(2);
      const lines = result.out.trim().split(/\r?\n/);
      expect(lines, result.out).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^ballast: parse reads a venue response body on stdin, and stdin is a terminal \(nothing piped in\) \(fix: pipe one REST response in, e\.g\. `curl -s /,
      );
    },
  );

  it.skipIf(!existsSync(BYBIT_SAMPLE))(
    'the Bybit sample beside the project is websocket data, and says so (skipped: no ../shared/data/orderbook)',
    async () => {
      const child = execFile(process.execPath, [CLI, 'parse', 'bybit', 'orderbook'], { cwd: ROOT });
      let err = '';
      child.stderr?.on('data', (chunk: Buffer) => (err += String(chunk)));
      child.stdin?.end(readFileSync(BYBIT_SAMPLE));
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      expect(code, err).toBe(2);
      expect(err).toMatch(
        /^ballast: parse: stdin is websocket data \(topic "orderbook\.500\.XRPUSDT": one JSON message per line, a snapshot then deltas\), not a REST response body; pipe in one REST response/,
      );
      expect(err.trimEnd().split('\n')).toHaveLength(1);
    },
  );
});
