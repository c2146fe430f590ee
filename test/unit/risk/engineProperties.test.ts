import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle, Level } from '../../../shared/core/types.js';
import { computeRiskRecord } from '../../../shared/risk/computeRiskRecord.js';
import type { PublishedState, RiskBook, RiskInputs } from '../../../shared/risk/types.js';
import { asOfAfter, syntheticCandles, testAssetConfig } from '../../fixtures/risk/syntheticCandles.js';

const HOURS = 24 * 26; // 26 days: past the 20-day minimum history of the test config
const quality = { degraded: false, reasons: [] as string[] };

function inputs(candles: Candle[], book?: RiskBook): RiskInputs {
  return {
    asset: 'TEST',
    asOf: asOfAfter(candles),
    candles,
    quality,
    ...(book === undefined ? {} : { book }),
  };
}

/** A synthetic consolidated book around the last close; `depth` scales every level's size. */
function book(candles: Candle[], depth: number): RiskBook {
  const ref = candles[candles.length - 1]![4];
  const bids: Level[] = Array.from(
    { length: 60 },
    (_, i) => [ref * (1 - 0.0005 * (i + 1)), (depth * 20_000 * (1 + (i % 7))) / ref] as const,
  );
  return { referencePrice: ref, bids, bestBid: bids[0]![0], bestAsk: ref * 1.0005 };
}

const seedArb = fc.integer({ min: 1, max: 10_000 });

describe('engine properties (fast-check)', () => {
  it('the volatility index saturates at its 16-bit field (65,535 bp) while the parameters see the uncapped σ', () => {
    const config = testAssetConfig({});
    const calm = computeRiskRecord({ inputs: inputs(syntheticCandles({ seed: 7, hours: HOURS })), config });
    // Scale the returns so that σ_fast is about 1,000 % a year, well past 655.35 %.
    const scale = 10 / (calm.intermediate.sigmaFast! * Math.sqrt(8_760));
    const wild = computeRiskRecord({
      inputs: inputs(syntheticCandles({ seed: 7, hours: HOURS, scale })),
      config,
    });
    expect(wild.intermediate.sigmaFast! * Math.sqrt(8_760)).toBeGreaterThan(6.5535);
    expect(wild.raw.volIndexBps).toBe(65_535);
    expect(wild.target.volIndexBps).toBe(65_535);
    expect(wild.target.haircutBps).toBeGreaterThan(calm.target.haircutBps);
  });

  it('higher volatility never lowers the haircut', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.double({ min: 1.05, max: 3, noNaN: true }),
        fc.constantFrom('buffer', 'none', 'floor', 'stressWeight'),
        (seed, scale, apcMode) => {
          const config = testAssetConfig({ apcMode });
          const calm = computeRiskRecord({
            inputs: inputs(syntheticCandles({ seed, hours: HOURS })),
            config,
          });
          const wild = computeRiskRecord({
            inputs: inputs(syntheticCandles({ seed, hours: HOURS, scale })),
            config,
          });
          // Not vacuous: the calm record is a real, unfrozen FHS computation.
          expect(calm.flags.frozen).toBe(false);
          expect(calm.flags.fhsFallback).toBe(false);
          expect(calm.target.ltvBps).toBeGreaterThan(0);
          expect(wild.intermediate.sigmaFast!).toBeGreaterThan(calm.intermediate.sigmaFast!);
          expect(wild.target.haircutBps).toBeGreaterThanOrEqual(calm.target.haircutBps);
          expect(wild.raw.haircutBps).toBeGreaterThanOrEqual(calm.raw.haircutBps);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a thinner book or a larger Q never raises LTV or LT', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        (seed, thin, bigger) => {
          const candles = syntheticCandles({ seed, hours: HOURS });
          const config = testAssetConfig();
          const thick = computeRiskRecord({ inputs: inputs(candles, book(candles, 1)), config });
          const thinner = computeRiskRecord({ inputs: inputs(candles, book(candles, thin)), config });
          expect(thick.intermediate.slipSource).toBe('book');
          expect(thinner.target.ltvBps).toBeLessThanOrEqual(thick.target.ltvBps);
          expect(thinner.target.ltBps).toBeLessThanOrEqual(thick.target.ltBps);
          const largerQ = computeRiskRecord({
            inputs: inputs(candles, book(candles, 1)),
            config: { ...config, liquidationSizeUsd: config.liquidationSizeUsd * bigger },
          });
          expect(largerQ.target.ltvBps).toBeLessThanOrEqual(thick.target.ltvBps);
          expect(largerQ.target.ltBps).toBeLessThanOrEqual(thick.target.ltBps);
          expect(largerQ.raw.ltBps).toBeLessThanOrEqual(thick.raw.ltBps);
          // Without a book (square-root proxy and the volume-based horizon) as well.
          const proxy = computeRiskRecord({ inputs: inputs(candles), config });
          const proxyBig = computeRiskRecord({
            inputs: inputs(candles),
            config: { ...config, liquidationSizeUsd: config.liquidationSizeUsd * bigger },
          });
          expect(proxyBig.target.ltBps).toBeLessThanOrEqual(proxy.target.ltBps);
          expect(proxyBig.target.ltvBps).toBeLessThanOrEqual(proxy.target.ltvBps);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('outputs stay inside governance bounds with LTV ≤ LT and LT·(1+LB) ≤ 1, and degraded cycles never loosen', () => {
    const boundsArb = fc
      .tuple(
        fc.integer({ min: 1000, max: 9000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 3000 }),
      )
      .map(([ltMin, ltSpan, lbMin, lbSpan]) => {
        const lbMax = Math.min(10_000, lbMin + lbSpan);
        const ltMinOk = Math.min(ltMin, Math.floor(1e8 / (10_000 + lbMax)));
        return {
          ltv: [0, Math.min(10_000, ltMinOk + ltSpan)] as [number, number],
          lt: [ltMinOk, Math.min(10_000, ltMinOk + ltSpan)] as [number, number],
          lb: [lbMin, lbMax] as [number, number],
        };
      });
    fc.assert(
      fc.property(
        seedArb,
        boundsArb,
        fc.boolean(),
        fc.integer({ min: 1, max: 48 }),
        (seed, bounds, degraded, stepHours) => {
          const config = testAssetConfig({ bounds, liquidationSizeUsd: 1e5 + (seed % 7) * 3e6 });
          const candles = syntheticCandles({ seed, hours: HOURS + 96 });
          let previous: PublishedState | undefined;
          for (let end = HOURS; end <= HOURS + 96; end += stepHours) {
            const slice = candles.slice(0, end);
            const r = computeRiskRecord({
              inputs: {
                ...inputs(slice),
                quality: {
                  degraded: degraded && previous !== undefined,
                  reasons: degraded ? ['quorum'] : [],
                },
              },
              config,
              ...(previous === undefined ? {} : { previous }),
            });
            for (const p of [r.target, r.candidate, r.published]) {
              expect(p.ltvBps).toBeGreaterThanOrEqual(bounds.ltv[0]);
              expect(p.ltvBps).toBeLessThanOrEqual(bounds.ltv[1]);
              expect(p.ltBps).toBeGreaterThanOrEqual(bounds.lt[0]);
              expect(p.ltBps).toBeLessThanOrEqual(bounds.lt[1]);
              expect(p.lbBps).toBeGreaterThanOrEqual(bounds.lb[0]);
              expect(p.lbBps).toBeLessThanOrEqual(bounds.lb[1]);
              expect(p.ltvBps).toBeLessThanOrEqual(p.ltBps);
              expect(p.ltBps * (10_000 + p.lbBps)).toBeLessThanOrEqual(1e8);
              expect(p.haircutBps).toBe(10_000 - p.ltvBps);
            }
            if (degraded && previous !== undefined) {
              expect(r.published.ltvBps).toBeLessThanOrEqual(previous.ltvBps);
              expect(r.published.ltBps).toBeLessThanOrEqual(previous.ltBps);
              expect(r.published.lbBps).toBeGreaterThanOrEqual(previous.lbBps);
            }
            previous = r.nextState;
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the same inputs give byte-identical records (also with keys in another order)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const candles = syntheticCandles({ seed, hours: HOURS });
        const config = testAssetConfig();
        const a = JSON.stringify(computeRiskRecord({ inputs: inputs(candles, book(candles, 0.5)), config }));
        const b = JSON.stringify(computeRiskRecord({ inputs: inputs(candles, book(candles, 0.5)), config }));
        expect(b).toBe(a);
        const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
        const c = computeRiskRecord({ inputs: inputs(candles, book(candles, 0.5)), config: reordered });
        expect(c.configHash).toBe(JSON.parse(a).configHash);
      }),
      { numRuns: 10 },
    );
  });
});
