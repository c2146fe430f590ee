import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { applyControlLayer } from '../../../../shared/risk/control/applyControlLayer.js';
import type { PublishedState, RiskParamsBps } from '../../../../shared/risk/types.js';
import { modelSpecFor } from '../../../../shared/risk/version/modelSpecFor.js';
import { MODEL_VERSION_V1 } from '../../../../shared/risk/version/modelVersions.js';
import { v1ConfigOf } from '../../../../shared/risk/version/v1ConfigOf.js';
import { testAssetConfig } from '../../../fixtures/risk/syntheticCandles.js';

const config = testAssetConfig({ bounds: { ltv: [0, 8500], lt: [5000, 9000], lb: [200, 1500] } });
const T0 = Date.UTC(2024, 0, 1);

function params(ltvBps: number, ltBps: number, lbBps: number, volIndexBps = 5000): RiskParamsBps {
  return { volIndexBps, ltvBps, ltBps, lbBps, haircutBps: 10_000 - ltvBps };
}
function state(p: RiskParamsBps, publishedAt = T0, extra: Partial<PublishedState> = {}): PublishedState {
  return {
    asset: 'TEST',
    ...p,
    publishedAt,
    frozen: false,
    loosening: { ltv: [], lt: [], lb: [] },
    apc: { qLt: null, qLtv: null },
    updatedAt: publishedAt,
    ...extra,
  };
}
// These cases pin the v1 rules (records of model 1.0.0 must keep recomputing); v2 has its own below.
const v1Spec = modelSpecFor(MODEL_VERSION_V1, v1ConfigOf(config));
const base = {
  asset: 'TEST',
  degraded: false,
  frozen: false,
  apc: { qLt: null, qLtv: null },
  config,
  spec: v1Spec,
};

describe('control layer (v1 rules)', () => {
  it('publishes the first target as is', () => {
    const r = applyControlLayer({ ...base, asOf: T0, target: params(7000, 8000, 300), previous: undefined });
    expect(r.publish).toEqual({ due: true, reason: 'first', changeBps: { ltv: 0, lt: 0, lb: 0 } });
    expect(r.published).toEqual(params(7000, 8000, 300));
  });

  it('limits loosening to 25 bp per update and 100 bp per 24 h, and records why', () => {
    let prev = state(params(6000, 7000, 500));
    const published: number[] = [];
    for (let h = 1; h <= 6; h++) {
      const r = applyControlLayer({
        ...base,
        asOf: T0 + h * HOUR_MS,
        target: params(7000, 8000, 300),
        previous: prev,
      });
      published.push(r.published.ltvBps);
      prev = r.nextState;
      if (h === 1) expect(r.reasons.map((x) => x.code)).toContain('maxLoosenPerUpdate');
      if (h === 5) expect(r.reasons.map((x) => x.code)).toContain('maxLoosenPerDay');
    }
    expect(published).toEqual([6025, 6050, 6075, 6100, 6100, 6100]);
    // After 24 h the allowance is back.
    const later = applyControlLayer({
      ...base,
      asOf: T0 + 25 * HOUR_MS,
      target: params(7000, 8000, 300),
      previous: prev,
    });
    expect(later.published.ltvBps).toBe(6125);
  });

  it('tightens up to 500 bp per update; a freeze takes LTV to 0 at once', () => {
    const prev = state(params(7000, 8000, 300));
    const r = applyControlLayer({
      ...base,
      asOf: T0 + HOUR_MS,
      target: params(5000, 6000, 300),
      previous: prev,
    });
    expect(r.published.ltvBps).toBe(6500);
    expect(r.published.ltBps).toBe(7500);
    const frozen = applyControlLayer({
      ...base,
      frozen: true,
      asOf: T0 + HOUR_MS,
      target: params(0, 8000, 300),
      previous: prev,
    });
    expect(frozen.published.ltvBps).toBe(0);
    expect(frozen.publish.reason).toBe('freeze');
  });

  it('ramps a large LT decrease over ltRampHours when enabled', () => {
    const ramped = { ...base, config: { ...config, ltRampHours: 10 } };
    const prev = state(params(7000, 8000, 300));
    const r = applyControlLayer({
      ...ramped,
      asOf: T0 + HOUR_MS,
      target: params(5000, 6000, 300),
      previous: prev,
    });
    expect(r.published.ltBps).toBe(7800); // 2000 bp over 10 h: 200 bp after one hour
    expect(r.reasons.map((x) => x.code)).toContain('ltRamp');
  });

  it('in degraded mode holds every loosening but lets tightening through', () => {
    const prev = state(params(7000, 8000, 300));
    const r = applyControlLayer({
      ...base,
      degraded: true,
      asOf: T0 + HOUR_MS,
      target: params(7200, 7900, 250),
      previous: prev,
    });
    expect(r.published.ltvBps).toBe(7000);
    expect(r.published.ltBps).toBe(7900);
    expect(r.published.lbBps).toBe(300);
    expect(r.reasons.filter((x) => x.code === 'degradedHold').map((x) => x.param)).toEqual(['ltv', 'lb']);
  });

  it('publishes on deviation ≥ 10 bp or on heartbeat, else keeps the on-chain values', () => {
    const prev = state(params(7000, 8000, 300));
    const small = applyControlLayer({
      ...base,
      asOf: T0 + HOUR_MS,
      target: params(7005, 8000, 300),
      previous: prev,
    });
    expect(small.publish.due).toBe(false);
    expect(small.published).toEqual(params(7000, 8000, 300));
    const dev = applyControlLayer({
      ...base,
      asOf: T0 + HOUR_MS,
      target: params(7000, 7990, 300),
      previous: prev,
    });
    expect(dev.publish).toMatchObject({ due: true, reason: 'deviation' });
    const hb = applyControlLayer({
      ...base,
      asOf: T0 + 24 * HOUR_MS,
      target: params(7005, 8000, 300),
      previous: prev,
    });
    expect(hb.publish).toMatchObject({ due: true, reason: 'heartbeat' });
  });
});

const bp = (min: number, max: number) => fc.integer({ min, max });
const paramsArb = fc.tuple(bp(0, 8500), bp(5000, 9000), bp(200, 1500)).map(([ltv, lt, lb]) => {
  const ltC = Math.min(lt, Math.floor(1e8 / (10_000 + lb)));
  return params(Math.min(ltv, ltC), ltC, lb);
});

describe('control layer properties', () => {
  it('never exceeds the rate limits, keeps bounds and invariants, never loosens when degraded', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.array(fc.tuple(paramsArb, fc.boolean(), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (first, steps) => {
          let prev = applyControlLayer({ ...base, asOf: T0, target: first, previous: undefined }).nextState;
          let t = T0;
          const looseningLog: Array<{ at: number; ltv: number; lt: number; lb: number }> = [];
          for (const [target, degraded, hours] of steps) {
            t += hours * HOUR_MS;
            const r = applyControlLayer({ ...base, degraded, asOf: t, target, previous: prev });
            const p = r.published;
            // bounds and invariants
            expect(p.ltvBps).toBeGreaterThanOrEqual(0);
            expect(p.ltvBps).toBeLessThanOrEqual(8500);
            expect(p.ltBps).toBeGreaterThanOrEqual(5000);
            expect(p.ltBps).toBeLessThanOrEqual(9000);
            expect(p.lbBps).toBeGreaterThanOrEqual(200);
            expect(p.lbBps).toBeLessThanOrEqual(1500);
            expect(p.ltvBps).toBeLessThanOrEqual(p.ltBps);
            expect(p.ltBps * (10_000 + p.lbBps)).toBeLessThanOrEqual(1e8);
            // loosening limits
            const loose = {
              at: t,
              ltv: Math.max(0, p.ltvBps - prev.ltvBps),
              lt: Math.max(0, p.ltBps - prev.ltBps),
              lb: Math.max(0, prev.lbBps - p.lbBps),
            };
            for (const k of ['ltv', 'lt', 'lb'] as const) {
              expect(loose[k]).toBeLessThanOrEqual(25);
              if (degraded) expect(loose[k]).toBe(0);
            }
            looseningLog.push(loose);
            for (const k of ['ltv', 'lt', 'lb'] as const) {
              const day = looseningLog.filter((l) => l.at > t - 24 * HOUR_MS).reduce((s, l) => s + l[k], 0);
              expect(day).toBeLessThanOrEqual(100);
            }
            // tightening limit (invariants may tighten further to protect solvency)
            const invariant = r.reasons.some((x) => x.stage === 'invariant');
            if (!invariant) {
              expect(prev.ltvBps - p.ltvBps).toBeLessThanOrEqual(500);
              expect(prev.ltBps - p.ltBps).toBeLessThanOrEqual(500);
            }
            expect(p.lbBps - prev.lbBps).toBeLessThanOrEqual(500);
            prev = r.nextState;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
