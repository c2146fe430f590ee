import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BacktestInputError } from '../../../../shared/backtest/errors.js';
import { collateralProxySlippage } from '../../../../shared/backtest/pair/collateralProxySlippage.js';
import { runBacktestCommand } from '../../../../shared/cli/commands/backtest.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../../../shared/config/defaultAssetsConfigFile.js';
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import type { Candle } from '../../../../shared/core/types.js';
import { ratioCandles } from '../../../../shared/risk/crossAsset/ratioCandles.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-pair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCandles(name: string, rows: ReadonlyArray<readonly number[]>): string {
  const path = join(dir, name);
  writeFileSync(path, `ts_ms,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}

const hours = 24 * 120;
const debt = syntheticCandles({ seed: 7, hours, usdVolume: 2e9 });
// The collateral moves with the debt plus its own noise: a correlated pair.
const own = syntheticCandles({ seed: 8, hours, sigma: 0.003 });
const collateral: Candle[] = debt.map((d, i) => {
  const f = own[i]![4] / 100;
  return [d[0], d[1] * f, d[2] * f, d[3] * f, d[4] * f, own[i]![5]];
});
const cPath = writeCandles('C.csv', collateral);
const dPath = writeCandles('D.csv', debt);
const base = { horizon: '24', quiet: true } as const;

describe('ballast backtest --pair', () => {
  it('walks forward on the ratio series with the collateral slippage; breaches recompute from series.csv and both files', () => {
    const out = join(dir, 'pair');
    const { summary } = runBacktestCommand(
      { ...base, candles: cPath, quoteCandles: dPath, pair: 'ETH/BTC', out },
      'test',
    );
    expect(summary.asset).toBe('ETH/BTC');
    const ratio = ratioCandles({ collateral, debt }).candles;
    const closeAt = new Map(ratio.map((c) => [c[0], c[4]]));
    const config = parseAssetsConfig(readFileSync(DEFAULT_ASSETS_CONFIG_FILE, 'utf8'), 'default').assets.ETH!;
    const slip = collateralProxySlippage(collateral, config);
    const slipAt = new Map(collateral.map((c, i) => [c[0], slip[i]!]));
    const rows = readFileSync(join(out, 'series.csv'), 'utf8').trim().split('\n').slice(1);
    let samples = 0;
    let breaches = 0;
    const lastTs = ratio[ratio.length - 1]![0];
    for (const line of rows) {
      const [ts, , , lt, , , , slipBps] = line.split(',').map(Number) as number[];
      expect(slipBps).toBe(Math.ceil(slipAt.get(ts!)! * 10_000 - 1e-9));
      if (ts! % 86_400_000 !== 0 || ts! + 24 * HOUR_MS > lastTs) continue;
      let min = Number.POSITIVE_INFINITY;
      for (let h = 1; h <= 24; h++)
        min = Math.min(min, closeAt.get(ts! + h * HOUR_MS) ?? Number.POSITIVE_INFINITY);
      samples += 1;
      if ((min / closeAt.get(ts!)!) * (1 - slipBps! / 10_000) < lt! / 10_000) breaches += 1;
    }
    expect(summary.published.samples).toBe(samples);
    expect(summary.published.breaches).toBe(breaches);
    // the pair's own bounds apply (wider than ETH's against USD)
    expect(summary.published.mean.overall.ltBps).toBeGreaterThan(0);
  });

  it('gives the ratio a higher LT than the collateral against USD when the legs move together', () => {
    const pair = runBacktestCommand(
      { ...base, candles: cPath, quoteCandles: dPath, pair: 'ETH/BTC', out: join(dir, 'p2'), raw: true },
      'test',
    ).summary;
    const alone = runBacktestCommand(
      { ...base, candles: cPath, asset: 'ETH', out: join(dir, 'a2'), raw: true },
      'test',
    ).summary;
    expect(pair.raw.mean.overall.ltBps).toBeGreaterThan(alone.raw.mean.overall.ltBps);
  });

  it('refuses misaligned files, a malformed pair and half the options, naming the flag', () => {
    const shifted = writeCandles(
      'shifted.csv',
      debt.filter((_, i) => i % 10 !== 3),
    );
    const call = (extra: Record<string, string>) => () =>
      runBacktestCommand({ ...base, candles: cPath, ...extra }, 'test');
    expect(call({ quoteCandles: shifted, pair: 'ETH/BTC' })).toThrow(
      /--candles: 288 of the 2880 hours of .*C\.csv inside the common span have no candle in the other file \(first /,
    );
    const late = writeCandles(
      'late.csv',
      debt.map((c) => [c[0] + hours * HOUR_MS, c[1], c[2], c[3], c[4], c[5]]),
    );
    expect(call({ quoteCandles: late, pair: 'ETH/BTC' })).toThrow(
      /--quote-candles: .* does not overlap --candles/,
    );
    expect(call({ quoteCandles: dPath, pair: 'ETH-BTC' })).toThrow(
      /--pair: "ETH-BTC" is not allowed; expected COLLATERAL\/DEBT/,
    );
    expect(call({ quoteCandles: dPath, pair: 'ETH/DOGE' })).toThrow(/--pair: "DOGE" is not in/);
    expect(call({ pair: 'ETH/BTC' })).toThrow(/--pair and --quote-candles go together/);
    expect(call({ quoteCandles: dPath, pair: 'ETH/BTC', asset: 'ETH' })).toThrow(/drop --asset/);
    expect(call({})).toThrow(BacktestInputError);
  });
});
