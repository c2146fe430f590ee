import { describe, expect, it } from 'vitest';
import { assertJudgeableCandles } from '../../../shared/backtest/assertJudgeableCandles.js';
import { BacktestInputError } from '../../../shared/backtest/errors.js';
import { DAY_MS } from '../../../shared/core/time.js';
import type { Candle } from '../../../shared/core/types.js';
import { syntheticCandles, testAssetConfig } from '../../fixtures/risk/syntheticCandles.js';

const config = testAssetConfig();
const judge = (candles: readonly Candle[], allowGaps = false) =>
  assertJudgeableCandles({ asset: 'TEST', candles, config, allowGaps });

describe('the backtest refuses what it cannot judge (docs/methodology.md §9)', () => {
  const hourly = syntheticCandles({ seed: 4, hours: 24 * 30 });

  it('accepts hourly candles with short gaps', () => {
    expect(() => judge(hourly)).not.toThrow();
  });

  it('refuses candles that are not hourly', () => {
    const daily = hourly.filter((c) => c[0] % DAY_MS === 0);
    expect(() => judge(daily)).toThrow(BacktestInputError);
    expect(() => judge(daily)).toThrow(/not hourly: only 0 of \d+ consecutive opens are one hour apart/);
  });

  it('refuses a gap longer than a day, saying where, unless allowed', () => {
    const gapped = hourly.filter((_, i) => i < 100 || i >= 100 + 30);
    const where = new Date(gapped[99]![0]).toISOString().slice(0, 16).replace('T', ' ');
    expect(() => judge(gapped)).toThrow(`1 gap longer than a day: 30 h missing after ${where} UTC`);
    expect(() => judge(gapped, true)).not.toThrow();
  });

  it('refuses a series implausible for the configuration', () => {
    const jump = hourly.map((c, i): Candle => (i === 200 ? [c[0], c[1], c[2] * 5, c[3], c[4] * 5, c[5]] : c));
    expect(() => judge(jump)).toThrow(/close moves ×\d\.\d+ within the hour .* UTC/);
    const broken = hourly.map((c, i): Candle =>
      i === 50 ? [c[0], c[1], c[3] * 0.5, c[3] * 0.4, c[4], c[5]] : c,
    );
    expect(() => judge(broken)).toThrow(/not a consistent OHLC/);
    const thin = hourly.map((c): Candle => [c[0], c[1], c[2], c[3], c[4], 1e-6]);
    expect(() => judge(thin)).toThrow(/below the configured liquidation size Q = 1000000 USD/);
  });

  it('names the first bad candle, an inconsistent OHLC before a move at the same hour, after the series-wide checks', () => {
    const at = (i: number) => new Date(hourly[i]![0]).toISOString().slice(0, 16).replace('T', ' ');
    const jumpAt =
      (i: number) =>
      (c: Candle, k: number): Candle =>
        k >= i ? [c[0], c[1] * 5, c[2] * 5, c[3] * 5, c[4] * 5, c[5]] : c;
    const brokenAt =
      (i: number) =>
      (c: Candle, k: number): Candle =>
        k === i ? [c[0], c[1], c[3] * 0.5, c[3] * 0.4, c[4], c[5]] : c;
    // A move at 100 and a broken candle at 200: the move, the earlier.
    const both = hourly.map(jumpAt(100)).map(brokenAt(200));
    expect(() => judge(both)).toThrow(`close moves ×`);
    expect(() => judge(both)).toThrow(`within the hour ${at(100)} UTC`);
    // Both at the same hour: the OHLC.
    const same = hourly.map(jumpAt(100)).map(brokenAt(100));
    expect(() => judge(same)).toThrow(`candle ${at(100)} UTC is not a consistent OHLC`);
    // A long gap is named before a bad candle, and daily opens before both.
    const gappedAndBroken = hourly.map(brokenAt(50)).filter((_, i) => i < 100 || i >= 130);
    expect(() => judge(gappedAndBroken)).toThrow(/1 gap longer than a day/);
    expect(() => judge(gappedAndBroken, true)).toThrow(/not a consistent OHLC/);
    const dailyAndBroken = hourly.map(brokenAt(48)).filter((c) => c[0] % DAY_MS === 0);
    expect(() => judge(dailyAndBroken)).toThrow(/not hourly/);
  });
});
