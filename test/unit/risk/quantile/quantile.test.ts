import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { dropQuantile } from '../../../../shared/risk/quantile/dropQuantile.js';
import { empiricalQuantileRank } from '../../../../shared/risk/quantile/empiricalQuantileRank.js';
import { ExpandingQuantile } from '../../../../shared/risk/quantile/ExpandingQuantile.js';
import { studentTQuantile } from '../../../../shared/risk/quantile/studentTQuantile.js';
import { RiskSeries } from '../../../../shared/risk/series/RiskSeries.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

/** Batch reference: sort and take the ⌈αn⌉-th smallest. */
function sortedQuantile(values: readonly number[], alpha: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[empiricalQuantileRank(sorted.length, alpha) - 1]!;
}

describe('empirical quantile', () => {
  it('ranks by ⌈αn⌉ without floating-point surprises', () => {
    expect(empiricalQuantileRank(100, 0.99)).toBe(99);
    expect(empiricalQuantileRank(20, 0.95)).toBe(19);
    expect(empiricalQuantileRank(101, 0.99)).toBe(100);
    expect(empiricalQuantileRank(1, 0.99)).toBe(1);
  });

  it('ExpandingQuantile equals sort-and-pick after every insert (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99),
        (xs, alpha) => {
          const q = new ExpandingQuantile(alpha);
          xs.forEach((x, i) => {
            q.insert(x);
            // −0 and 0 are the same number but toBe tells them apart; `+ 0` maps −0 to 0.
            expect(q.value() + 0).toBe(sortedQuantile(xs.slice(0, i + 1), alpha) + 0);
          });
        },
      ),
    );
  });
});

describe('FHS drop quantile on a seeded series', () => {
  it('RiskSeries k_α(H) equals a naive batch FHS (windows, standardisation, sort) at several hours', () => {
    const candles = syntheticCandles({ seed: 11, hours: 2500, gaps: new Set([300, 301, 1200]) });
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.995,
      ewmaSeedReturns: 24,
      stressWindowHours: 168,
      stressLookbackHours: 720,
      fhsCutoffHours: 24,
    });
    const checkpoints = new Set([400, 1000, 1800, candles.length - 1]);
    candles.forEach((c, t) => {
      series.push(c);
      if (!checkpoints.has(t)) return;
      // Naive reference from scratch: every start i whose 24 h window closed by t.
      const H = 24;
      const zs: number[] = [];
      for (let i = 0; i <= t; i++) {
        if (candles[i]![0] + H * HOUR_MS > candles[t]![0]) break;
        const v = series.varModelColumn()[i]!; // σ²_fast: the model is `ewma`
        if (!(v > 0)) continue;
        let min = Number.POSITIVE_INFINITY;
        for (let j = i + 1; j <= t && candles[j]![0] <= candles[i]![0] + H * HOUR_MS; j++)
          min = Math.min(min, candles[j]![4]);
        if (min === Number.POSITIVE_INFINITY) continue;
        zs.push(-Math.log(1 - (1 - min / candles[i]![4])) / (Math.sqrt(v) * Math.sqrt(H)));
      }
      for (const alpha of [0.95, 0.99]) {
        const got = series.fhsQuantile(H, alpha);
        expect(got.count).toBe(zs.length);
        expect(got.k).toBeCloseTo(sortedQuantile(zs, alpha), 12);
      }
    });
  });

  it('q_H(α) = 1 − exp(−k σ √H)', () => {
    expect(dropQuantile(2.5, 0.01, 24)).toBeCloseTo(1 - Math.exp(-2.5 * 0.01 * Math.sqrt(24)), 15);
    expect(dropQuantile(0, 0.01, 24)).toBe(0);
  });
});

describe('Student-t fallback quantile', () => {
  it('matches the closed form for ν = 4, scaled to unit variance', () => {
    // For ν = 4: t_p = sign(p−½)·2·√(cos(arccos(√a)/3)/√a − 1), a = 4p(1−p).
    for (const p of [0.9, 0.95, 0.99, 0.999, 0.1]) {
      const a = 4 * p * (1 - p);
      const t = Math.sign(p - 0.5) * 2 * Math.sqrt(Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a) - 1);
      expect(studentTQuantile(p, 4)).toBeCloseTo(t * Math.sqrt(0.5), 10);
    }
    expect(studentTQuantile(0.99, 4)).toBeCloseTo(2.6495, 4);
  });
  it('matches textbook t tables for other ν', () => {
    expect(studentTQuantile(0.975, 10) / Math.sqrt(8 / 10)).toBeCloseTo(2.228139, 5);
    expect(studentTQuantile(0.95, 30) / Math.sqrt(28 / 30)).toBeCloseTo(1.697261, 5);
  });
  it('rejects a ν without finite variance', () => {
    expect(() => studentTQuantile(0.99, 2)).toThrow(/nu must be > 2/);
  });
});
