import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ballast, ballastWithEnv, processesIn } from './ballastProcess.js';

// An empty folder: no .ballast/, no stack. Every case fails before starting anything.
const work = mkdtempSync(join(tmpdir(), 'ballast-fail-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** [arguments, exit code, what the one line says] — the exit-code table of the README. */
const CASES: readonly [string[], 0 | 1 | 2 | 3, RegExp][] = [
  [
    ['stack', 'status'],
    3,
    /^ballast: no local stack is running \(fix: start one with `npx ballast stack up`\)$/m,
  ],
  [
    ['publish', '--local'],
    3,
    /publish --local: no local stack is running .*\(fix: start one with `npx ballast stack up`/,
  ],
  [['run', '--bogus'], 2, /^ballast: unknown option '--bogus' \(fix: see `npx ballast run --help`\)$/m],
  [['collect', '--asset', 'BTC'], 2, /^ballast: collect: choose the data source: exactly one of --live/m],
  [['publish'], 2, /publish: only --local is supported here/],
  [['signer', 'address', '--local'], 3, /no local stack state at \.ballast\/stack\.json/],
  [
    ['run', '--local', '--assets', 'btc,DOGE'],
    2,
    /--assets: unknown asset "DOGE"; configured assets are BTC, ETH/,
  ],
  [
    ['run', '--local', '--replay', 'covid-2020'],
    2,
    /covid-2020 .* is not covered by the candle data|no candles to replay/,
  ],
  [
    ['run', '--local', '--replay', 'yesterday'],
    2,
    /--replay: "yesterday" is not a date|no candles to replay/,
  ],
  [['run', '--local', '--speed', 'fast'], 2, /--speed: "fast" is not a speed/],
  [['stack', 'logs', 'nope'], 2, /stack logs: "nope" is not a part with a log/],
  [['report', '--local', '--out', 'report.txt'], 2, /--out: "report.txt" should end in .html/],
  // Checked before any data is read: fails at once (Node 20's recursive mkdir never returned here).
  [
    ['report', '--local', '--out', '/proc/x/r.html'],
    3,
    /^ballast: --out: cannot write \/proc\/x\/r\.html \(ENOENT\) \(fix: choose a path you can write/m,
  ],
  [['stack'], 2, /^ballast: `ballast stack` needs a subcommand, one of: up, down, logs, status/m],
  [['sim', 'venue', 'binance', 'melting'], 2, /sim venue: "melting" is not a mode/],
  [
    ['sim', 'shock', 'BTC', '-20%'],
    3,
    /no local stack is running .*\(fix: start one with `npx ballast stack up`/,
  ],
  [['explain', 'btc', '--local'], 3, /explain reads the local stack, and none is running \(fix: /],
  [['verify', '--round', '1', '--local'], 3, /no local stack is running/],
  [
    [
      'contract',
      'status',
      '--rpc',
      'http://127.0.0.1:1',
      '--address',
      '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    ],
    3,
    /no JSON-RPC answer from http:\/\/127\.0\.0\.1:1 .*\(fix: /,
  ],
];

describe('CLI failure paths: exit code and one line with the fix, no stack trace', () => {
  it.each(CASES)('ballast %j exits %i', async (args, code, message) => {
    const result = await ballast(work, ...args);
    expect(result.code, result.err).toBe(code);
    expect(result.err).toMatch(message);
    const lines = result.err.split('\n').filter((line) => line.startsWith('ballast'));
    expect(lines, result.err).toHaveLength(1);
    expect(result.err).not.toMatch(/^\s+at /m);
  });

  it('a command group without its subcommand prints its usage and exits 2; asked-for help exits 0', async () => {
    const bare = await ballast(work, 'stack');
    expect(bare.code, bare.err).toBe(2);
    expect(bare.err).toMatch(/^Usage: ballast stack \[options\] \[command\]$/m);
    expect(bare.err).toMatch(/^\s+up \[options\]\s+start the local stack/m);
    const help = await ballast(work, 'stack', '--help');
    expect(help.code, help.err).toBe(0);
    expect(help.out).toMatch(/^Usage: ballast stack \[options\] \[command\]$/m);
  });

  it('prints the stack trace with --debug', async () => {
    const result = await ballast(work, 'explain', 'btc', '--debug');
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/^\s+at /m);
  });

  it('npm start on a machine without java: one line that says how to install it, nothing left running', async () => {
    const dir = join(work, 'no-java');
    mkdirSync(dir);
    // A PATH with no java on it (node itself is started by its absolute path).
    const result = await ballastWithEnv(
      dir,
      { ...process.env, PATH: join(work, 'empty-bin') },
      'run',
      '--local',
    );
    expect(result.code, result.err).toBe(3);
    expect(result.err).toMatch(
      /^ballast: the local stack did not start: DynamoDB Local needs java >= 17 on PATH, and none was found \(fix: install a JRE: `sudo apt-get install -y openjdk-17-jre-headless`/,
    );
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(processesIn(dir)).toEqual([]);
  });

  it('a command that reads a deployment without --local and without AWS credentials: exit 3, the fix says --local', async () => {
    // No credentials, and no instance-metadata lookup (tests reach nothing but 127.0.0.1).
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
    const result = await ballastWithEnv(
      work,
      { ...env, AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-west-1', HOME: work },
      'report',
      '--out',
      join(work, 'report.html'),
    );
    expect(result.code, result.err).toBe(3);
    expect(result.err).toMatch(
      /^ballast: no AWS credentials were found .*\(fix: add --local to read the embedded local stack/,
    );
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
