import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { RiskSeries } from '../../../../shared/risk/series/RiskSeries.js';
import { ewmaVarianceSeries } from '../../../../shared/risk/volatility/ewmaVarianceSeries.js';
import { hourlyLogReturn } from '../../../../shared/risk/volatility/hourlyLogReturn.js';
import { parkinsonVolatility } from '../../../../shared/risk/volatility/parkinsonVolatility.js';
import { seededNormal, syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

describe('EWMA variance', () => {
  it('equals the closed-form weighted sum σ²_t = λ^(t−s) σ²_s + (1−λ) Σ λ^(t−j) r²_j', () => {
    const normal = seededNormal(7);
    const returns = Array.from({ length: 500 }, () => 0.01 * normal());
    const lambda = 0.97;
    const seed = 24;
    const series = ewmaVarianceSeries({ returns, lambda, seedCount: seed });
    // Independent computation: explicit weights, no recursion.
    const s = seed - 1;
    const seedVar = returns.slice(0, seed).reduce((a, r) => a + r * r, 0) / seed;
    for (const t of [s, s + 1, 100, 499]) {
      let expected = Math.pow(lambda, t - s) * seedVar;
      for (let j = s + 1; j <= t; j++) expected += (1 - lambda) * Math.pow(lambda, t - j) * returns[j]! ** 2;
      expect(series[t]).toBeCloseTo(expected, 15);
      expect(Math.abs(series[t]! - expected) / expected).toBeLessThan(1e-12);
    }
    expect(Number.isNaN(series[s - 1]!)).toBe(true);
  });

  it('RiskSeries runs the same recursion on candle closes', () => {
    const candles = syntheticCandles({ seed: 3, hours: 400 });
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.995,
      ewmaSeedReturns: 24,
      stressWindowHours: 168,
      stressLookbackHours: 720,
      fhsCutoffHours: 24,
    });
    for (const c of candles) series.push(c);
    const returns = candles.slice(1).map((c, i) => Math.log(c[4] / candles[i]![4]));
    const fast = ewmaVarianceSeries({ returns, lambda: 0.97, seedCount: 24 });
    const slow = ewmaVarianceSeries({ returns, lambda: 0.995, seedCount: 24 });
    expect(series.sigmaFast()).toBe(Math.sqrt(fast[fast.length - 1]!));
    expect(series.sigmaSlow()).toBe(Math.sqrt(slow[slow.length - 1]!));
    const all = returns.reduce((a, r) => a + r * r, 0) / returns.length;
    expect(series.sigmaLongRun()!).toBeCloseTo(Math.sqrt(all), 14);
  });

  it('skips a missing hour instead of inventing a zero return: the move across a g-hour gap counts per √hour', () => {
    expect(hourlyLogReturn({ prevTs: 0, prevClose: 100, ts: HOUR_MS, close: 101 })).toBe(Math.log(1.01));
    expect(hourlyLogReturn({ prevTs: 0, prevClose: 100, ts: 4 * HOUR_MS, close: 101 })).toBeCloseTo(
      Math.log(1.01) / 2,
      15,
    );
    const candles = syntheticCandles({ seed: 4, hours: 100, gaps: new Set([10, 11, 50]) });
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.995,
      ewmaSeedReturns: 24,
      stressWindowHours: 168,
      stressLookbackHours: 720,
      fhsCutoffHours: 24,
    });
    for (const c of candles) series.push(c);
    expect(series.gapHours).toBe(3);
    for (let j = 1; j < series.length; j++) expect(Number.isFinite(series.returnAt(j))).toBe(true);
  });
});

describe('Parkinson range volatility', () => {
  it('is √(Σ ln(H/L)² / (4 ln2 · n)) on a hand-built pair of bars', () => {
    const v = parkinsonVolatility([
      [0, 100, 102, 98, 101, 1],
      [HOUR_MS, 101, 103, 100, 102, 1],
    ]);
    const expected = Math.sqrt((Math.log(102 / 98) ** 2 + Math.log(103 / 100) ** 2) / (4 * Math.LN2 * 2));
    expect(v).toBeCloseTo(expected, 15);
    expect(parkinsonVolatility([])).toBeNull();
  });

  it('RiskSeries.rangeVolatility is parkinsonVolatility of the last bars, bit for bit', () => {
    const candles = syntheticCandles({ seed: 11, hours: 400, gaps: new Set([50, 51]) });
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.99,
      ewmaSeedReturns: 24,
      stressWindowHours: 168,
      stressLookbackHours: 720,
      fhsCutoffHours: 24,
    });
    expect(series.rangeVolatility(24)).toBeNull();
    candles.forEach((c, j) => {
      series.push(c);
      for (const bars of [24, 168])
        expect(series.rangeVolatility(bars)).toBe(
          parkinsonVolatility(candles.slice(Math.max(0, j + 1 - bars), j + 1)),
        );
    });
  });
});

describe('RiskSeries windows kept in rings', () => {
  it('hourlyVolumeUsd is the newest-first sum over the candles in the window, bit for bit, with and without gaps', () => {
    const gaps = new Set([5, 6, 7, 40, 41, 300, 301, 302, 303, 304, 1000]);
    const candles = syntheticCandles({ seed: 12, hours: 1500, gaps });
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.995,
      ewmaSeedReturns: 24,
      stressWindowHours: 168,
      stressLookbackHours: 720,
      fhsCutoffHours: 24,
      volumeWindowHours: 72,
    });
    let checked = 0;
    candles.forEach((c, t) => {
      series.push(c);
      for (const window of [24, 72]) {
        // Naive reference: walk back from the newest candle while inside (ts_t − window h, ts_t].
        let sum = 0;
        let n = 0;
        for (let j = t; j >= 0 && candles[j]![0] > c[0] - window * HOUR_MS; j--) {
          sum += candles[j]![5] * candles[j]![4];
          n += 1;
        }
        expect(series.hourlyVolumeUsd(window)).toBe(sum / n);
        checked += 1;
      }
    });
    expect(checked).toBe(2 * candles.length);
    expect(() => series.hourlyVolumeUsd(73)).toThrow(/keeps 72 hours/);
  });

  it('sigmaStress is the largest rolling stress-window volatility of the look-back, the window summed newest first, bit for bit, with gaps', () => {
    const gaps = new Set([5, 6, 7, 40, 41, 300, 301, 302, 303, 304, 700, 1000, 1001]);
    const candles = syntheticCandles({ seed: 13, hours: 1500, gaps });
    const windowHours = 48;
    const lookbackHours = 240;
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.995,
      ewmaSeedReturns: 24,
      stressWindowHours: windowHours,
      stressLookbackHours: lookbackHours,
      fhsCutoffHours: 24,
    });
    // Naive reference: hourly-equivalent returns, each window walked back from its newest candle.
    const returns = candles.map((c, j) =>
      j === 0
        ? Number.NaN
        : Math.log(c[4] / candles[j - 1]![4]) / Math.sqrt((c[0] - candles[j - 1]![0]) / HOUR_MS),
    );
    const windowVol = candles.map((c, j) => {
      let sum = 0;
      let n = 0;
      for (let i = j; i >= 1 && c[0] - candles[i]![0] < windowHours * HOUR_MS; i--) {
        sum += returns[i]! * returns[i]!;
        n += 1;
      }
      return n * 2 >= windowHours ? Math.sqrt(sum / n) : Number.NaN;
    });
    candles.forEach((c, t) => {
      series.push(c);
      let max: number | null = null;
      for (let j = t; j >= 0 && candles[j]![0] > c[0] - lookbackHours * HOUR_MS; j--)
        if (!Number.isNaN(windowVol[j]!) && (max === null || windowVol[j]! > max)) max = windowVol[j]!;
      expect(series.sigmaStress()).toBe(max);
    });
  });
});
