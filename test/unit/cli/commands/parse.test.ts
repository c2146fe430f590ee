import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerParseCommand } from '../../../../shared/cli/commands/parse.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../../fixtures/venues/${path}`, import.meta.url), 'utf8');

/** Runs `ballast parse …` in-process with `stdin` as the body; returns stdout, stderr and the exit code. */
async function runParse(args: string[], stdin: string) {
  let stdout = '';
  let stderr = '';
  const program = new Command('ballast')
    .exitOverride()
    .configureOutput({ writeErr: (t) => (stderr += t), writeOut: () => {} });
  registerParseCommand(program, { readStdin: async () => stdin, write: (t) => (stdout += t) });
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(['parse', ...args], { from: 'user' });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    if (error instanceof CommanderError) return { stdout, stderr, code: error.exitCode };
    throw error;
  }
}

describe('ballast parse', () => {
  it('prints a canonical book with numbers as JSON numbers', async () => {
    const r = await runParse(
      ['binance', 'orderbook', '--received-at', '1725156000000'],
      fixture('binance/orderbook.json'),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      bids: [
        [60650, 0.00213],
        [60648.08, 0.06346],
        [60648.01, 0.0643],
        [60647.53, 0.19622],
      ],
      asks: [
        [60650.01, 0.61982],
        [60653.68, 0.00696],
        [60653.69, 0.00026],
        [60656.89, 0.01],
      ],
      ts: 1725156000000,
    });
  });

  it('prints candles as [ts, open, high, low, close, volume] rows, ascending', async () => {
    const r = await runParse(['bybit', 'candles', '--symbol', 'BTCUSDT'], fixture('bybit/candles.json'));
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as number[][];
    expect(rows[0]).toEqual([1725145200000, 58970, 59118.8, 58901, 59050, 141.21]);
    expect(rows.map((x) => x[0])).toEqual([1725145200000, 1725148800000, 1725152400000]);
  });

  it('prints a ticker', async () => {
    const r = await runParse(['coinbase', 'ticker'], fixture('coinbase/ticker.json'));
    expect(JSON.parse(r.stdout)).toEqual({ bid: 60644.21, ask: 60644.22, last: 60644.22, ts: 1725156000321 });
  });

  it.each([
    [
      ['kraken', 'orderbook'],
      '{"error":[],"result":{"XXBTZUSD":{"asks":[["abc","1",1]],"bids":[]}}}',
      /invalid response at \$\.result\.XXBTZUSD\.asks\[0\]\[0\]/,
    ],
    [['okx', 'ticker'], fixture('okx/error.json'), /returned error 51001: Instrument ID does not exist/],
    [['binance', 'candles'], '[[1,"2"', /body is not valid JSON/],
    [
      ['ftx', 'orderbook'],
      '{}',
      /venue "ftx" is not supported; use one of binance, coinbase, kraken, okx, bybit/,
    ],
    [['okx', 'trades'], '{}', /kind "trades" is not supported; use one of orderbook, candles, ticker/],
    [
      ['okx', 'ticker', '--symbol', 'BTCUSDT'],
      fixture('okx/ticker.json'),
      /--symbol "BTCUSDT" is not a okx market/,
    ],
  ])('%j with a bad body or argument: exit 2 and one stderr line', async (args, body, message) => {
    const r = await runParse(args, body);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
