import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { alignCloses } from '../../../../shared/risk/crossAsset/alignCloses.js';
import { alignedVolatility } from '../../../../shared/risk/crossAsset/alignedVolatility.js';
import { portfolioDropQuantile } from '../../../../shared/risk/crossAsset/portfolioDropQuantile.js';
import { portfolioMargin } from '../../../../shared/risk/crossAsset/portfolioMargin.js';
import { ratioCandles } from '../../../../shared/risk/crossAsset/ratioCandles.js';
import type { AlignedCloses } from '../../../../shared/risk/crossAsset/types.js';
import { dropQuantile } from '../../../../shared/risk/quantile/dropQuantile.js';
import { RiskSeries } from '../../../../shared/risk/series/RiskSeries.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const H = HOUR_MS;
const ones = (n: number) => new Float64Array(n).fill(1);

describe('portfolioDropQuantile (multivariate FHS)', () => {
  // A: 100 → 90 → 99; B: 100 → 100 → 90. Constant σ: plain historical simulation.
  const aligned: AlignedCloses = {
    assets: ['A', 'B'],
    ts: [0, H, 2 * H],
    close: [Float64Array.of(100, 90, 99), Float64Array.of(100, 100, 90)],
  };
  const base = {
    aligned,
    sigma: [ones(3), ones(3)],
    at: 2,
    horizonHours: 1,
    alpha: 0.99,
    stride: 1,
    neighbours: 0,
  };

  it('matches a hand computation: A against USD debt', () => {
    // start 0: C 100 → 90, drop 0.1; start 1: C 90 → 99, drop −0.1; the 99 % quantile of two is the larger.
    const r = portfolioDropQuantile({
      ...base,
      exposure: { collateral: [100, 0], debt: [0, 0], debtUsd: 50 },
    });
    expect(r.scenarios).toBe(2);
    expect(r.q).toBeCloseTo(0.1, 12);
    expect(r.contributions[0]).toBeCloseTo(10, 9);
    expect(r.quantileStart).toBe(0);
  });

  it('matches a hand computation: A against B debt (the ratio)', () => {
    // start 0: C/D = 90/50 vs 100/50 → 0.1; start 1: 110/45 vs 2 → −0.222…
    const r = portfolioDropQuantile({ ...base, exposure: { collateral: [100, 0], debt: [0, 50] } });
    expect(r.q).toBeCloseTo(0.1, 12);
  });

  it('rescales each asset by its current over its then σ', () => {
    // σ doubles for A between start 0 and now: A's 10 % fall becomes ln-scaled ×2 → 1 − 0.9² = 0.19
    const sigma = [Float64Array.of(1, 1, 2), ones(3)];
    const r = portfolioDropQuantile({
      ...base,
      sigma,
      exposure: { collateral: [100, 0], debt: [0, 0], debtUsd: 50 },
    });
    expect(r.q).toBeCloseTo(1 - 0.9 ** 2, 12);
  });

  it('for one asset against USD equals the engine FHS drop quantile (§4)', () => {
    const candles = syntheticCandles({ seed: 5, hours: 24 * 40 });
    const series = new RiskSeries({
      lambdaFast: 0.97,
      lambdaSlow: 0.99,
      ewmaSeedReturns: 24,
      stressWindowHours: 168,
      stressLookbackHours: 720,
      fhsCutoffHours: 24,
    });
    for (const c of candles) series.push(c);
    const fhs = series.fhsQuantile(24, 0.99);
    const expected = dropQuantile(fhs.k, series.sigmaFast()!, 24);
    const al = alignCloses({ candles: { X: candles } });
    const sigma = alignedVolatility({ aligned: al, lambda: 0.97, seedCount: 24 });
    const r = portfolioDropQuantile({
      aligned: al,
      sigma,
      exposure: { collateral: [1000], debt: [0], debtUsd: 500 },
      at: al.ts.length - 1,
      horizonHours: 24,
      alpha: 0.99,
      stride: 1,
      neighbours: 0,
    });
    expect(r.scenarios).toBe(fhs.count);
    expect(r.q).toBeCloseTo(expected, 10);
  });

  it('is bounded by the per-scenario worst single asset and does not depend on asset order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -0.05, max: 0.05, noNaN: true }),
            fc.double({ min: -0.05, max: 0.05, noNaN: true }),
          ),
          {
            minLength: 8,
            maxLength: 40,
          },
        ),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (moves, wa, wb) => {
          const a = [100];
          const b = [50];
          for (const [x, y] of moves) {
            a.push(a[a.length - 1]! * Math.exp(x));
            b.push(b[b.length - 1]! * Math.exp(y));
          }
          const ts = a.map((_, i) => i * H);
          const make = (order: 0 | 1): AlignedCloses => ({
            assets: order === 0 ? ['A', 'B'] : ['B', 'A'],
            ts,
            close:
              order === 0
                ? [Float64Array.from(a), Float64Array.from(b)]
                : [Float64Array.from(b), Float64Array.from(a)],
          });
          const n = ts.length;
          const params = {
            sigma: [ones(n), ones(n)],
            at: n - 1,
            horizonHours: 3,
            alpha: 0.9,
            stride: 1,
            neighbours: 0,
          };
          const both = portfolioDropQuantile({
            ...params,
            aligned: make(0),
            exposure: { collateral: [wa, wb], debt: [0, 0], debtUsd: 1 },
          });
          const swapped = portfolioDropQuantile({
            ...params,
            aligned: make(1),
            exposure: { collateral: [wb, wa], debt: [0, 0], debtUsd: 1 },
          });
          expect(swapped.q).toBeCloseTo(both.q!, 12);
          // per scenario the basket falls no more than its worst member: compare quantiles of the max
          const worst: number[] = [];
          for (let i = 0; i + 3 <= n - 1; i++) {
            let m = 0;
            for (const series of [a, b]) {
              let lo = Number.POSITIVE_INFINITY;
              for (let j = i + 1; j <= i + 3; j++) lo = Math.min(lo, series[j]! / series[i]!);
              m = Math.max(m, 1 - lo);
            }
            worst.push(m);
          }
          worst.sort((x, y) => x - y);
          const bound = worst[Math.ceil(0.9 * worst.length - 1e-9) - 1]!;
          expect(both.q!).toBeLessThanOrEqual(bound + 1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses bad inputs naming the field', () => {
    expect(() => portfolioDropQuantile({ ...base, exposure: { collateral: [-1, 0], debt: [0, 0] } })).toThrow(
      /collateral\.A: -1 is not allowed/,
    );
    expect(() => portfolioDropQuantile({ ...base, exposure: { collateral: [0, 0], debt: [0, 0] } })).toThrow(
      /no collateral/,
    );
    expect(() =>
      portfolioDropQuantile({ ...base, at: 3, exposure: { collateral: [1, 0], debt: [0, 0] } }),
    ).toThrow(/at: 3/);
    expect(() =>
      portfolioDropQuantile({ ...base, alpha: 1, exposure: { collateral: [1, 0], debt: [0, 0] } }),
    ).toThrow(/alpha: 1/);
  });
});

describe('portfolioMargin', () => {
  it('matches a hand computation', () => {
    const r = portfolioMargin({
      assets: ['A', 'B'],
      collateral: [100, 100],
      debt: [0, 0],
      debtUsd: 100,
      isolatedLt: [0.8, 0.7],
      slip: [0.01, 0.01],
      q: 0.2,
      epsilon: 0.005,
      contributions: [3, 5],
    });
    expect(r.isolatedLt).toBeCloseTo(0.75, 12);
    expect(r.healthIsolated).toBeCloseTo(1.5, 12);
    expect(r.requiredIsolated).toBeCloseTo(100 / 0.75, 9);
    expect(r.portfolioLt).toBeCloseTo(0.8 * 0.99 - 0.005, 12);
    expect(r.requiredPortfolio).toBeCloseTo(100 / 0.787, 9);
    expect(r.diversificationCredit).toBeCloseTo(100 / 0.75 - 100 / 0.787, 9);
    expect(r.diversificationCreditShare).toBeCloseTo(1 - 0.75 / 0.787, 9);
    expect(r.dominantAsset).toBe('B');
  });

  it('without debt has no health factor and requires nothing; a zero portfolio LT requires unboundedly much', () => {
    const common = {
      assets: ['A'],
      collateral: [10],
      isolatedLt: [0.8],
      slip: [0],
      epsilon: 0,
      contributions: [0],
    };
    const free = portfolioMargin({ ...common, debt: [0], q: 0.1 });
    expect(free.healthPortfolio).toBeNull();
    expect(free.requiredPortfolio).toBe(0);
    expect(free.dominantAsset).toBeNull();
    const doomed = portfolioMargin({ ...common, debt: [5], q: 1 });
    expect(doomed.requiredPortfolio).toBeNull();
    expect(doomed.diversificationCredit).toBeNull();
  });

  it('refuses out-of-range values naming the field', () => {
    const common = {
      assets: ['A'],
      collateral: [10],
      debt: [0],
      slip: [0],
      q: 0.1,
      epsilon: 0,
      contributions: [0],
    };
    expect(() => portfolioMargin({ ...common, isolatedLt: [1.2] })).toThrow(
      /isolatedLt\.A: 1\.2 is not allowed/,
    );
    expect(() => portfolioMargin({ ...common, isolatedLt: [0.5], q: -1 })).toThrow(/q: -1/);
    expect(() => portfolioMargin({ ...common, isolatedLt: [0.5, 0.5] })).toThrow(/isolatedLt: 2 entries/);
  });
});

describe('ratioCandles', () => {
  it('divides closes on common hours, brackets open and close, and keeps the collateral USD volume', () => {
    const c = [
      [0, 10, 12, 9, 11, 5],
      [H, 11, 11, 10, 10, 5],
      [3 * H, 10, 10, 10, 10, 5],
    ] as const;
    const d = [
      [0, 5, 6, 4, 5, 1],
      [2 * H, 5, 5, 5, 5, 1],
      [3 * H, 4, 4, 4, 4, 1],
    ] as const;
    const r = ratioCandles({ collateral: c, debt: d });
    expect(r.candles.map((x) => x[0])).toEqual([0, 3 * H]);
    expect(r.droppedCollateral).toBe(1);
    expect(r.droppedDebt).toBe(1);
    const [, open, high, low, close, volume] = r.candles[0]!;
    expect([open, close]).toEqual([2, 2.2]);
    expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
    expect(low).toBeLessThanOrEqual(Math.min(open, close));
    expect(volume * close).toBeCloseTo(5 * 11, 12);
  });
});
