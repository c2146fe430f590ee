import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { applyControlLayer } from '../../../../shared/risk/control/applyControlLayer.js';
import type { PublishedState, RiskParamsBps } from '../../../../shared/risk/types.js';
import { modelSpecFor } from '../../../../shared/risk/version/modelSpecFor.js';
import { MODEL_VERSION_V2 } from '../../../../shared/risk/version/modelVersions.js';
import { testAssetConfig } from '../../../fixtures/risk/syntheticCandles.js';

const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const bounds: { ltv: [number, number]; lt: [number, number]; lb: [number, number] } = {
  ltv: [0, 9500],
  lt: [1000, 9600],
  lb: [100, 2000],
};

function params(ltvBps: number, ltBps: number, lbBps: number): RiskParamsBps {
  return { volIndexBps: 5000, ltvBps, ltBps, lbBps, haircutBps: 10_000 - ltvBps };
}
function start(p: RiskParamsBps): PublishedState {
  return {
    asset: 'TEST',
    ...p,
    publishedAt: T0,
    frozen: false,
    loosening: { ltv: [], lt: [], lb: [] },
    apc: { qLt: null, qLtv: null },
    updatedAt: T0,
  };
}
function setup(halfLifeHours: number) {
  const config = testAssetConfig({ loosenHalfLifeHours: halfLifeHours, bounds });
  return { config, spec: modelSpecFor(MODEL_VERSION_V2, config) };
}
/** Runs the control layer every `stepMinutes` for `hours` towards a constant target; returns the last state. */
function walk(
  halfLifeHours: number,
  from: RiskParamsBps,
  target: RiskParamsBps,
  hours: number,
  stepMinutes: number,
  degraded = false,
): PublishedState {
  const { config, spec } = setup(halfLifeHours);
  let previous = start(from);
  for (let m = stepMinutes; m <= hours * 60; m += stepMinutes) {
    previous = applyControlLayer({
      asset: 'TEST',
      asOf: T0 + m * MINUTE,
      target,
      previous,
      degraded,
      frozen: false,
      apc: { qLt: null, qLtv: null },
      config,
      spec,
    }).nextState;
  }
  return previous;
}

describe('control layer v2: loosening with a half-life (docs/methodology.md §7)', () => {
  it('closes half of a large gap in one half-life, whatever h', () => {
    for (const h of [6, 12, 24, 48]) {
      const s = walk(h, params(5000, 6000, 800), params(5000, 8000, 800), h, 60);
      // LT: 2000 bp gap → 1000 bp after h hours (rounded down on-chain).
      expect(s.control!.ltBps).toBeCloseTo(7000, 6);
      expect(s.ltBps === 7000 || s.ltBps === 6999).toBe(true);
      // LB loosens downwards with the same rule, rounded up.
      expect(s.lbBps).toBe(800);
    }
  });

  it('closes small gaps at no less than maxLoosenPerDay · Δt / 24 h', () => {
    // 40 bp gap, h = 48: the exponential share is tiny; the 100 bp/day floor closes it in 9.6 h.
    const s = walk(48, params(5000, 6000, 800), params(5000, 6040, 800), 10, 60);
    expect(s.control!.ltBps).toBe(6040);
    const part = walk(48, params(5000, 6000, 800), params(5000, 6040, 800), 6, 60);
    expect(part.control!.ltBps).toBeGreaterThanOrEqual(6000 + (100 * 6) / 24 - 1e-9);
  });

  it('caps Δt at 24 h: after a three-day silence one step closes at most (1 − 2^(−24/h)) of the gap', () => {
    const { config, spec } = setup(24);
    const r = applyControlLayer({
      asset: 'TEST',
      asOf: T0 + 72 * HOUR_MS,
      target: params(5000, 8000, 800),
      previous: start(params(5000, 7000, 800)),
      degraded: false,
      frozen: false,
      apc: { qLt: null, qLtv: null },
      config,
      spec,
    });
    expect(r.candidate.ltBps).toBe(7500);
    expect(r.reasons.map((x) => x.code)).toContain('loosenHalfLife');
  });

  it('never publishes a loosening step above the on-chain guard', () => {
    const config = testAssetConfig({ loosenHalfLifeHours: 6, maxLoosenPerUpdateBps: 100, bounds });
    const spec = modelSpecFor(MODEL_VERSION_V2, config);
    const r = applyControlLayer({
      asset: 'TEST',
      asOf: T0 + 12 * HOUR_MS,
      target: params(5000, 9000, 800),
      previous: start(params(5000, 6000, 800)),
      degraded: false,
      frozen: false,
      apc: { qLt: null, qLtv: null },
      config,
      spec,
    });
    expect(r.candidate.ltBps).toBe(6100);
    expect(r.nextState.control!.ltBps).toBe(6100);
    expect(r.reasons.map((x) => x.code)).toContain('onChainStepGuard');
  });

  it('holds loosening in degraded cycles and tightens at once (within the tightening step)', () => {
    const held = walk(24, params(5000, 6000, 800), params(5000, 8000, 800), 12, 60, true);
    expect(held.ltBps).toBe(6000);
    const tight = walk(24, params(5000, 6000, 800), params(5000, 5800, 800), 1, 60);
    expect(tight.ltBps).toBe(5800);
  });

  it('accumulates between publications: 5-minute cycles with a 10 bp deviation trigger still converge', () => {
    const s = walk(24, params(5000, 6000, 800), params(5000, 6100, 800), 24, 5);
    expect(s.ltBps).toBe(6100);
  });

  it('is cadence-independent: 5-minute cycles and hourly steps give the same path (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(6, 12, 24, 48),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 72 }),
        (h, ltGap, lbGap, hours) => {
          const from = params(4000, 6000, 800);
          const target = params(4000 + Math.floor(ltGap / 2), 6000 + ltGap, 800 - lbGap);
          const fine = walk(h, from, target, hours, 5);
          const coarse = walk(h, from, target, hours, 60);
          for (const key of ['ltvBps', 'ltBps', 'lbBps'] as const) {
            expect(Math.abs(fine.control![key] - coarse.control![key])).toBeLessThanOrEqual(0.5);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
