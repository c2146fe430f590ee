import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../../shared/errors/BallastError.js';
import type { BacktestSummary } from '../../../../shared/backtest/summarizeBacktest.js';
import { registerBacktestCommand, runBacktestCommand } from '../../../../shared/cli/commands/backtest.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-backtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Recomputes the LT breaches from series.csv and the candle CSV alone, independently of the
 * backtest code: daily rows at 00:00 UTC, worst close over the next 24 h, (1 − δ)(1 − slip) < LT.
 */
function recomputeBreaches(seriesCsv: string, candlesCsv: string): { samples: number; breaches: number } {
  const candles = candlesCsv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  const closeAt = new Map(candles.map((c) => [c[0]!, c[4]!]));
  const lastTs = candles[candles.length - 1]![0]!;
  let samples = 0;
  let breaches = 0;
  for (const line of seriesCsv.trim().split('\n').slice(1)) {
    const [ts, , , lt, , , , slip] = line.split(',').map(Number) as number[];
    if (ts! % 86_400_000 !== 0 || ts! + 24 * HOUR_MS > lastTs) continue;
    let min = Number.POSITIVE_INFINITY;
    for (let h = 1; h <= 24; h++) {
      const c = closeAt.get(ts! + h * HOUR_MS);
      if (c !== undefined) min = Math.min(min, c);
    }
    if (min === Number.POSITIVE_INFINITY) continue;
    samples += 1;
    if ((min / closeAt.get(ts!)!) * (1 - slip! / 10_000) < lt! / 10_000) breaches += 1;
  }
  return { samples, breaches };
}

function writeCandles(name: string, rows: ReadonlyArray<readonly number[]>): string {
  const path = join(dir, name);
  writeFileSync(path, `ts_ms,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}

/** Runs the command with its stdout captured: its result, and what it printed. */
function runPrinting(options: Parameters<typeof runBacktestCommand>[0]): {
  result: ReturnType<typeof runBacktestCommand>;
  printed: string[];
} {
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return {
      result: runBacktestCommand(options, 'test'),
      printed: stdout.mock.calls.map(([chunk]) => String(chunk)),
    };
  } finally {
    stdout.mockRestore();
  }
}

describe('ballast backtest (synthetic candles)', () => {
  const candlesPath = writeCandles(
    'synthetic.csv',
    syntheticCandles({ seed: 42, hours: 24 * 140, gaps: new Set([3000, 3001]) }),
  );

  it('writes series.csv, summary.json and report.html; breaches recompute from series.csv and the candles', () => {
    const out = join(dir, 'synthetic');
    const { summary } = runBacktestCommand(
      {
        candles: candlesPath,
        asset: 'BTC',
        out,
        horizon: '24',
        quiet: true,
        staticLtv: '7300',
        staticLt: '7800',
      },
      'test',
    );
    const series = readFileSync(join(out, 'series.csv'), 'utf8');
    expect(series.split('\n')[0]).toBe(
      'ts_ms,vol_index_bps,ltv_bps,lt_bps,lb_bps,haircut_bps,q_bps,slip_bps,degraded',
    );
    const onDisk = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as BacktestSummary;
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(summary)));
    const again = recomputeBreaches(series, readFileSync(candlesPath, 'utf8'));
    expect(again).toEqual({ samples: summary.published.samples, breaches: summary.published.breaches });
    expect(summary.range.gapHours).toBe(2);
    expect(summary.static.given).toMatchObject({ ltvBps: 7300, ltBps: 7800 });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-chart="chart-params"');
  });

  it('prints the LT test of the series and the raw LTV promise (coverage, breaches, Kupiec, Christoffersen)', () => {
    const { result, printed } = runPrinting({
      candles: candlesPath,
      asset: 'BTC',
      out: join(dir, 'synthetic-summary'),
      horizon: '24',
      quiet: true,
    });
    const { summary } = result;
    const lines = printed.join('').split('\n');
    const p = summary.published;
    expect(lines[0]).toContain(
      `: ${p.breaches}/${p.samples} breaches, Kupiec LR ${p.kupiec.lrPof.toFixed(2)}`,
    );
    const ltv = summary.raw.ltv;
    expect(ltv.samples).toBeGreaterThan(0);
    expect(lines[1]).toBe(
      `raw LTV promise (α 90 %, LT within ${ltv.reactionHours} h): ${ltv.breaches}/${ltv.samples} breaches, ` +
        `${(ltv.breachRate * 100).toFixed(2)} % (expected 10.00 %), Kupiec LR ${ltv.lrPof.toFixed(2)}${ltv.rejectTwoSided ? ' rejected' : ''}, ` +
        `Christoffersen LR_ind ${ltv.lrInd.toFixed(2)}${ltv.rejectInd ? ' rejected' : ''}`,
    );
    expect(lines[2]).toMatch(/^wrote .*series\.csv, .*summary\.json, .*report\.html$/);
  });

  it('--timings prints the CPU and wall time of each phase, which add up to the total', () => {
    const { result, printed } = runPrinting({
      candles: candlesPath,
      asset: 'BTC',
      out: join(dir, 'synthetic-timings'),
      horizon: '24',
      quiet: true,
      timings: true,
    });
    const { timings } = result;
    expect(timings.map((t) => t.phase)).toEqual(['start-up', 'read', 'walk', 'evaluate', 'write']);
    for (const t of timings) {
      expect(t.cpuMs, t.phase).toBeGreaterThanOrEqual(0);
      expect(t.wallMs, t.phase).toBeGreaterThanOrEqual(0);
    }
    // The walk of a few hundred synthetic days takes measurable time; start-up is this process's life so far.
    expect(timings[2]!.wallMs).toBeGreaterThan(0);
    const line = printed
      .join('')
      .split('\n')
      .find((l) => l.startsWith('timings '));
    const fields =
      /^timings \(ms CPU\/wall\): start-up (\d+)\/(\d+), read (\d+)\/(\d+), walk (\d+)\/(\d+), evaluate (\d+)\/(\d+), write (\d+)\/(\d+); total (\d+)\/(\d+)$/.exec(
        line ?? '',
      );
    expect(fields, line).not.toBeNull();
    const n = fields!.slice(1).map(Number);
    // Each figure is rounded on its own: the total is within 3 ms of the sum of the five shown.
    expect(Math.abs(n[10]! - (n[0]! + n[2]! + n[4]! + n[6]! + n[8]!))).toBeLessThanOrEqual(3);
    expect(Math.abs(n[11]! - (n[1]! + n[3]! + n[5]! + n[7]! + n[9]!))).toBeLessThanOrEqual(3);
    expect(n[4]).toBe(Math.round(timings[2]!.cpuMs));
  });

  it('--raw writes the raw model series, whose breaches also recompute', () => {
    const out = join(dir, 'synthetic-raw');
    const { summary } = runBacktestCommand(
      { candles: candlesPath, asset: 'BTC', out, horizon: '24', quiet: true, raw: true },
      'test',
    );
    const again = recomputeBreaches(
      readFileSync(join(out, 'series.csv'), 'utf8'),
      readFileSync(candlesPath, 'utf8'),
    );
    expect(again).toEqual({ samples: summary.raw.samples, breaches: summary.raw.breaches });
    expect(summary.emitted).toBe('raw');
  });

  it('bad input: clear one-line errors, exit code 2 through the command', async () => {
    const expectError = (options: Parameters<typeof runBacktestCommand>[0], message: RegExp): void => {
      expect(() => runBacktestCommand(options, 'test')).toThrow(InputError);
      expect(() => runBacktestCommand(options, 'test')).toThrow(message);
    };
    const base = { candles: candlesPath, asset: 'BTC', out: join(dir, 'bad'), horizon: '24', quiet: true };
    expectError(
      { ...base, asset: 'DOGE' },
      /--asset: "DOGE" is not in .*configured assets: BTC, ETH, SOL, XRP, BNB/,
    );
    expectError({ ...base, horizon: 'weekly' }, /--horizon: "weekly" is not allowed/);
    expectError({ ...base, staticLtv: '7300' }, /--static-ltv and --static-lt go together/);
    expectError({ ...base, from: '2022-13-45' }, /--from: "2022-13-45" is not a time/);
    expectError(
      { ...base, from: '2022-05-04', to: '2022-05-04' },
      /--from 2022-05-04 is not before --to 2022-05-04/,
    );
    const short = writeCandles('short.csv', syntheticCandles({ seed: 1, hours: 24 * 30 }));
    expectError(
      { ...base, candles: short },
      /short\.csv:721: too little history: .* cover 30\.0 days; a backtest needs at least 92/,
    );

    const program = new Command();
    program.exitOverride();
    registerBacktestCommand(program);
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      stderr.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    try {
      await program.parseAsync(
        ['backtest', '--candles', join(dir, 'missing.csv'), '--asset', 'BTC', '--quiet'],
        { from: 'user' },
      );
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
    expect(stderr.join('')).toMatch(/^ballast: --candles: cannot read .*missing\.csv/);
  });
});

// The real-data checks need ../shared/data (not redistributable, so not in the repository).
const BTC = new URL('../../../../../shared/data/ohlcv/BTC_USDT-1h.csv', import.meta.url).pathname;
describe.skipIf(!existsSync(BTC))('ballast backtest on real BTC candles (needs ../shared/data)', () => {
  it('breaches in summary.json recompute from series.csv and the candles alone', () => {
    const out = join(dir, 'btc');
    const { summary } = runBacktestCommand(
      { candles: BTC, asset: 'BTC', out, horizon: '24', quiet: true, to: '2022-07-01' },
      'test',
    );
    const candleText = readFileSync(BTC, 'utf8');
    const cut = candleText
      .split('\n')
      .filter((l, i) => i === 0 || (l !== '' && Number(l.split(',')[0]) < Date.UTC(2022, 6, 1)))
      .join('\n');
    const again = recomputeBreaches(readFileSync(join(out, 'series.csv'), 'utf8'), cut);
    expect(again).toEqual({ samples: summary.published.samples, breaches: summary.published.breaches });
    expect(summary.published.samples).toBeGreaterThan(500);
    expect(summary.procyclicality.map((p) => p.episode)).toEqual(['2021-05-19 crash', '2022-05 LUNA']);
  });
});
