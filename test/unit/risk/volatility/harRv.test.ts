import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../../../shared/core/time.js';
import { RiskSeries } from '../../../../shared/risk/series/RiskSeries.js';
import { HarRv } from '../../../../shared/risk/volatility/HarRv.js';
import { solveLinearSystem } from '../../../../shared/risk/volatility/solveLinearSystem.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const options = {
  lambdaFast: 0.97,
  lambdaSlow: Math.pow(0.94, 1 / 24),
  ewmaSeedReturns: 24,
  stressWindowHours: 168,
  stressLookbackHours: 24 * 30,
  fhsCutoffHours: 24,
};

/** Independent batch HAR-RV: daily RVs, regressors, OLS by explicit normal equations. */
function batchForecast(returnsByDay: number[][]): number {
  const rv = returnsByDay.map((rs) => (24 * rs.reduce((s, r) => s + r * r, 0)) / rs.length);
  const x = (d: number) => [
    1,
    rv[d]!,
    rv.slice(d - 6, d + 1).reduce((a, b) => a + b, 0) / 7,
    rv.slice(d - 29, d + 1).reduce((a, b) => a + b, 0) / 30,
  ];
  const xtx = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const xty = [0, 0, 0, 0];
  for (let d = 29; d + 1 < rv.length; d++) {
    const xi = x(d);
    for (let i = 0; i < 4; i++) {
      xty[i]! += xi[i]! * rv[d + 1]!;
      for (let k = 0; k < 4; k++) xtx[i]![k]! += xi[i]! * xi[k]!;
    }
  }
  const beta = solveLinearSystem(xtx, xty)!;
  const xl = x(rv.length - 1);
  return beta.reduce((s, b, i) => s + b * xl[i]!, 0);
}

describe('HAR-RV (docs/methodology.md §3.6)', () => {
  it('gives no forecast before minDays, then the least-squares forecast of the next day', () => {
    const har = new HarRv(40);
    const days: number[][] = [];
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
    for (let d = 0; d < 60; d++) {
      const scale = 1 + 0.8 * Math.sin(d / 5);
      const rs: number[] = [];
      for (let h = 0; h < 24; h++) {
        const r = rand() * scale;
        rs.push(r);
        har.push(d * DAY_MS + h * HOUR_MS, r);
      }
      days.push(rs);
      if (d + 1 < 40) expect(har.hourlyVariance()).toBeNull();
    }
    const forecast = har.hourlyVariance();
    expect(forecast).not.toBeNull();
    expect(forecast! * 24).toBeCloseTo(batchForecast(days), 12);
  });

  it('has no look-ahead: σ_model at every hour is unchanged by later candles', () => {
    const candles = syntheticCandles({ seed: 3, hours: 24 * 160 });
    const full = new RiskSeries({ ...options, volatilityModel: 'max', harMinDays: 60 });
    for (const c of candles) full.push(c);
    const cut = 24 * 130 + 5;
    const prefix = new RiskSeries({ ...options, volatilityModel: 'max', harMinDays: 60 });
    for (const c of candles.slice(0, cut)) prefix.push(c);
    expect(prefix.varModelColumn()).toEqual(full.varModelColumn().slice(0, cut));
    expect(full.sigmaHar()).not.toBeNull();
  });

  it('`max` never scales below EWMA, `ewma` is σ_fast exactly (v1 numbers unchanged)', () => {
    const candles = syntheticCandles({ seed: 5, hours: 24 * 150 });
    const max = new RiskSeries({ ...options, volatilityModel: 'max', harMinDays: 60 });
    const ewma = new RiskSeries(options);
    for (const c of candles) {
      max.push(c);
      ewma.push(c);
    }
    // With `ewma` the model variance is σ²_fast itself (checked through sigmaModel below).
    const fast = ewma.varModelColumn();
    let compared = 0;
    max.varModelColumn().forEach((v, j) => {
      if (Number.isFinite(fast[j]!)) {
        expect(v).toBeGreaterThanOrEqual(fast[j]!);
        compared += 1;
      }
    });
    expect(compared).toBeGreaterThan(candles.length / 2);
    expect(ewma.sigmaModel()).toBe(ewma.sigmaFast());
  });
});
