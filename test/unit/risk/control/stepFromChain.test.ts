import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../shared/core/mulberry32.js';
import {
  stepFromChain,
  type ChainStepLimits,
  type SteppedParamsBps,
} from '../../../../shared/risk/control/stepFromChain.js';

const LIMITS: ChainStepLimits = {
  maxLoosenBps: 500,
  maxTightenBps: 500,
  ltv: [0, 8500],
  lt: [5000, 9000],
  lb: [200, 1500],
};

/** The RiskOracle's own checks of one update (contracts/RiskOracle.sol `_checkUpdate`): why it would refuse. */
function refusal(
  prev: SteppedParamsBps | undefined,
  next: SteppedParamsBps,
  l: ChainStepLimits,
): string | undefined {
  const inBounds = (v: number, [min, max]: readonly [number, number]) => v >= min && v <= max;
  if (!inBounds(next.ltvBps, l.ltv) || !inBounds(next.ltBps, l.lt) || !inBounds(next.lbBps, l.lb))
    return 'ParameterOutOfBounds';
  if (next.ltvBps > next.ltBps) return 'LtvAboveLt';
  if (next.ltBps * (10_000 + next.lbBps) > 100_000_000) return 'BonusTooHighForLt';
  if (prev === undefined) return undefined;
  const step = (p: number, v: number, up: number, down: number) => (v > p ? v - p <= up : p - v <= down);
  if (!step(prev.ltvBps, next.ltvBps, l.maxLoosenBps, l.maxTightenBps)) return 'StepTooLarge(ltv)';
  if (!step(prev.ltBps, next.ltBps, l.maxLoosenBps, l.maxTightenBps)) return 'StepTooLarge(lt)';
  if (!step(prev.lbBps, next.lbBps, l.maxTightenBps, l.maxLoosenBps)) return 'StepTooLarge(lb)';
  return undefined;
}

/** A random parameter set the contract accepts as a first write under `l`. */
function validParams(random: () => number, l: ChainStepLimits): SteppedParamsBps {
  const pick = ([min, max]: readonly [number, number]) => min + Math.floor(random() * (max - min + 1));
  const lbBps = pick(l.lb);
  const ltBps = Math.min(pick(l.lt), Math.floor(100_000_000 / (10_000 + lbBps)));
  const ltvBps = Math.min(pick(l.ltv), ltBps);
  return { ltvBps, ltBps, lbBps };
}

describe('stepFromChain: a lagging chain steps from its own values (docs/multi-chain.md)', () => {
  it('a chain 800 bp looser ramps: 500 bp now (the contract refuses 800), the rest next round', () => {
    const from = { ltvBps: 8200, ltBps: 8800, lbBps: 500 };
    const target = { ltvBps: 7400, ltBps: 8000, lbBps: 500 };
    const first = stepFromChain({ from, target, limits: LIMITS });
    expect(first).toEqual({ ltvBps: 7700, ltBps: 8300, lbBps: 500 });
    expect(refusal(from, target, LIMITS)).toBe('StepTooLarge(ltv)');
    expect(refusal(from, first, LIMITS)).toBeUndefined();
    const second = stepFromChain({ from: first, target, limits: LIMITS });
    expect(second).toEqual(target);
  });

  it('loosens at most maxLoosenBps, LB downwards, and never past the target', () => {
    const from = { ltvBps: 6000, ltBps: 7000, lbBps: 1200 };
    const target = { ltvBps: 6300, ltBps: 7900, lbBps: 400 };
    const limits = { ...LIMITS, maxLoosenBps: 100 };
    expect(stepFromChain({ from, target, limits })).toEqual({ ltvBps: 6100, ltBps: 7100, lbBps: 1100 });
  });

  it('a chain that holds nothing gets the target within the bounds', () => {
    const target = { ltvBps: 8600, ltBps: 9100, lbBps: 100 };
    expect(stepFromChain({ from: undefined, target, limits: LIMITS })).toEqual({
      ltvBps: 8500,
      ltBps: 9000,
      lbBps: 200,
    });
  });

  it('LT·(1+LB) ≤ 1 caps LT when LB loosens slower than LT (the invariant only tightens)', () => {
    const from = { ltvBps: 8000, ltBps: 9000, lbBps: 1110 };
    const target = { ltvBps: 8000, ltBps: 9500, lbBps: 500 };
    const limits = { ...LIMITS, lt: [5000, 9500] as const, maxLoosenBps: 100 };
    const next = stepFromChain({ from, target, limits });
    expect(next.lbBps).toBe(1010);
    expect(next.ltBps).toBe(Math.floor(100_000_000 / 11_010));
    expect(refusal(from, next, limits)).toBeUndefined();
  });

  it('from any accepted state towards any accepted target: accepted by the contract, between the two, and converging', () => {
    const random = mulberry32(16);
    for (let i = 0; i < 1_000; i += 1) {
      const limits: ChainStepLimits = {
        ...LIMITS,
        maxLoosenBps: 1 + Math.floor(random() * 600),
        maxTightenBps: 1 + Math.floor(random() * 600),
      };
      const from = validParams(random, limits);
      const target = validParams(random, limits);
      let at = from;
      for (let round = 0; round < 20_000; round += 1) {
        const next = stepFromChain({ from: at, target, limits });
        expect(refusal(at, next, limits), JSON.stringify({ at, target, limits, next })).toBeUndefined();
        // Never looser than both the chain's value and the target.
        expect(next.ltBps).toBeLessThanOrEqual(Math.max(at.ltBps, target.ltBps));
        expect(next.ltvBps).toBeLessThanOrEqual(Math.max(at.ltvBps, target.ltvBps));
        expect(next.lbBps).toBeGreaterThanOrEqual(Math.min(at.lbBps, target.lbBps));
        if (next.ltvBps === at.ltvBps && next.ltBps === at.ltBps && next.lbBps === at.lbBps) break;
        at = next;
      }
      expect(at).toEqual(target);
    }
  });
});
