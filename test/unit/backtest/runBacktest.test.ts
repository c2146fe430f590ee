import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSeries, type BreachSample } from '../../../shared/backtest/evaluateSeries.js';
import { hindsightStaticLt } from '../../../shared/backtest/hindsightStaticLt.js';
import { isBreach } from '../../../shared/backtest/isBreach.js';
import { procyclicality } from '../../../shared/backtest/procyclicality.js';
import { runBacktest } from '../../../shared/backtest/runBacktest.js';
import { seriesColumnsOf } from '../../../shared/backtest/seriesColumnsOf.js';
import { seriesRowAt } from '../../../shared/backtest/seriesRowAt.js';
import type { SeriesColumns, SeriesRow } from '../../../shared/backtest/types.js';
import { worstDropAhead } from '../../../shared/backtest/worstDropAhead.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import type { Candle } from '../../../shared/core/types.js';
import { computeRiskRecord } from '../../../shared/risk/computeRiskRecord.js';
import type { PublishedState } from '../../../shared/risk/types.js';
import { syntheticCandles, testAssetConfig } from '../../fixtures/risk/syntheticCandles.js';

const quality = { degraded: false, reasons: [] as string[] };

describe('runBacktest', () => {
  const candles = syntheticCandles({ seed: 31, hours: 24 * 32, gaps: new Set([600]) });
  const config = testAssetConfig({ fixedHorizonHours: 24 });
  const run = runBacktest({ asset: 'TEST', candles, config });

  it('starts after the warm-up and emits one row per candle', () => {
    expect(run.published.length).toBe(candles.length - run.firstRowIndex);
    expect(run.published.ts[0]).toBe(candles[run.firstRowIndex]![0]);
    expect(run.warmupHours).toBeGreaterThanOrEqual(config.minHistoryDays * 24 - 1);
  });

  it('each published row equals a production record computed from the same history and previous state', () => {
    // Replay the production path: computeRiskRecord hour by hour with the previous record's nextState.
    let previous: PublishedState | undefined;
    for (let k = 0; k < run.published.length; k++) {
      const t = run.firstRowIndex + k;
      const record = computeRiskRecord({
        inputs: { asset: 'TEST', asOf: candles[t]![0] + HOUR_MS, candles: candles.slice(0, t + 1), quality },
        config,
        ...(previous === undefined ? {} : { previous }),
      });
      previous = record.nextState;
      if (k % 50 !== 0) continue;
      const row = seriesRowAt(run.published, k);
      expect([row.ltvBps, row.ltBps, row.lbBps, row.haircutBps, row.volIndexBps]).toEqual([
        record.published.ltvBps,
        record.published.ltBps,
        record.published.lbBps,
        record.published.haircutBps,
        record.published.volIndexBps,
      ]);
      expect([run.raw.ltBps[k], run.raw.ltvBps[k]]).toEqual([record.raw.ltBps, record.raw.ltvBps]);
    }
  });

  it('never looks ahead: adding future candles leaves every earlier row unchanged', () => {
    const shorter = runBacktest({ asset: 'TEST', candles: candles.slice(0, -100), config });
    const rowsOf = (c: SeriesColumns, n: number): SeriesRow[] =>
      Array.from({ length: n }, (_, k) => seriesRowAt(c, k));
    expect(shorter.published.length).toBeGreaterThan(0);
    expect(rowsOf(run.published, shorter.published.length)).toEqual(
      rowsOf(shorter.published, shorter.published.length),
    );
    expect(rowsOf(run.raw, shorter.raw.length)).toEqual(rowsOf(shorter.raw, shorter.raw.length));
  });
});

describe('breach evaluation', () => {
  const c = (h: number, close: number): Candle => [h * HOUR_MS, close, close, close, close, 1];

  it('worst drop ahead uses closes in (t, t+H] and needs a complete window', () => {
    const candles = [c(0, 100), c(1, 95), c(2, 90), c(3, 99), c(5, 80)];
    expect(worstDropAhead(candles, 0, 3)).toBeCloseTo(0.1, 15);
    expect(worstDropAhead(candles, 0, 5)).toBeCloseTo(0.2, 15);
    expect(worstDropAhead(candles, 3, 3)).toBeNull(); // ends after the data
    expect(worstDropAhead([c(0, 100), c(5, 100)], 0, 4)).toBeNull(); // an empty window (gap)
  });

  it('breach ⇔ (1 − δ)(1 − slip) < LT', () => {
    // Recovery 0.9 · 0.99 = 0.891.
    expect(isBreach(0.1, 100, 8900)).toBe(false);
    expect(isBreach(0.1, 100, 8920)).toBe(true);
    expect(isBreach(0.2, 0, 8000)).toBe(false); // exactly at LT is no breach
  });

  it('samples daily at 00:00 UTC and tallies breaches', () => {
    const day = 24;
    const candles: Candle[] = [];
    for (let h = 0; h < 5 * day; h++) candles.push(c(h, h === day + 5 ? 70 : 100));
    const rows: SeriesRow[] = candles.map((x) => ({
      ts: x[0],
      volIndexBps: 0,
      ltvBps: 7000,
      ltBps: 8000,
      lbBps: 200,
      haircutBps: 3000,
      qBps: 0,
      slipBps: 0,
      degraded: false,
    }));
    const e = evaluateSeries({
      rows: seriesColumnsOf(rows),
      candles,
      firstRowIndex: 0,
      realisedVol30d: new Float64Array(rows.length).fill(0.01),
      horizonHours: 24,
      alphaLt: 0.99,
      reactionHours: 12,
      alphaLtv: 0.9,
    });
    expect(e.samples.map((s) => s.ts / HOUR_MS)).toEqual([0, 24, 48, 72]); // day 4 has no complete window
    // The 70 close at hour 29 lies in day 1's window (24, 48] only.
    expect(e.samples.map((s) => s.breach)).toEqual([false, true, false, false]);
    expect(e.kupiec.breaches).toBe(1);
    // LTV promise over H_react = 12 h, sampled every 12 h: the window (24, 36] holds the 70 close;
    // 0.7 · LT 80 % < LTV 70 %. The window (12, 24] ends before it.
    expect(e.ltv.samples.filter((s) => s.breach).map((s) => s.ts / HOUR_MS)).toEqual([24]);
    expect(e.ltv.samples.map((s) => s.ts / HOUR_MS)).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96]);
    expect(e.ltv.kupiec.breaches).toBe(1);
    expect(e.ltv.kupiec.expectedRate).toBeCloseTo(0.1, 12);
  });
});

describe('hindsight static LT', () => {
  it('is the highest bp LT with no more breaches than allowed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.3, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.nat(10),
        (recoveries, x) => {
          const samples: BreachSample[] = recoveries.map((recovery, i) => ({
            ts: i,
            recovery,
            ltBps: 0,
            breach: false,
          }));
          const lt = hindsightStaticLt(samples, x);
          const count = (bps: number): number => recoveries.filter((v) => v < bps / 10_000).length;
          expect(count(lt)).toBeLessThanOrEqual(x);
          if (lt < 10_000) expect(count(lt + 1)).toBeGreaterThan(x);
        },
      ),
    );
  });
});

describe('procyclicality', () => {
  it('finds the largest 24 h and 7-day haircut rises inside the episode and the peak/trough ratio', () => {
    const rows: SeriesRow[] = Array.from({ length: 400 }, (_, h) => ({
      ts: h * HOUR_MS,
      volIndexBps: 0,
      ltvBps: 0,
      ltBps: 0,
      lbBps: 0,
      haircutBps: h < 200 ? 1000 : h < 210 ? 1000 + (h - 199) * 100 : h < 300 ? 2000 : 2500,
      qBps: 0,
      slipBps: 0,
      degraded: false,
    }));
    const p = procyclicality(seriesColumnsOf(rows), { name: 'x', from: 190 * HOUR_MS, to: 320 * HOUR_MS });
    expect(p).toEqual({
      maxIncrease24hBps: 1000,
      maxIncrease7dBps: 1500,
      peakToTrough: 2.5,
      minHaircutBps: 1000,
      maxHaircutBps: 2500,
    });
    expect(procyclicality(seriesColumnsOf(rows), { name: 'y', from: 1e15, to: 2e15 })).toBeNull();
  });
});
