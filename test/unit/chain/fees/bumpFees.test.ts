import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpFees } from '../../../../shared/chain/fees/bumpFees.js';
import { DEFAULT_FEE_POLICY } from '../../../../shared/chain/fees/FeePolicy.js';

const policy = { ...DEFAULT_FEE_POLICY, maxFeePerGasCap: 1_000_000n };

describe('bumpFees', () => {
  it('raises both fees by at least 12.5 %, rounding up', () => {
    // 100 × 1.125 = 112.5 → 113; 10 × 1.125 = 11.25 → 12.
    expect(
      bumpFees(
        { maxFeePerGas: 100n, maxPriorityFeePerGas: 10n },
        { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n },
        policy,
      ),
    ).toEqual({
      maxFeePerGas: 113n,
      maxPriorityFeePerGas: 12n,
    });
  });

  it('follows the current estimate when it is above the bump', () => {
    expect(
      bumpFees(
        { maxFeePerGas: 100n, maxPriorityFeePerGas: 10n },
        { maxFeePerGas: 500n, maxPriorityFeePerGas: 40n },
        policy,
      ),
    ).toEqual({ maxFeePerGas: 500n, maxPriorityFeePerGas: 40n });
  });

  it('keeps maxFeePerGas at least the priority fee', () => {
    expect(
      bumpFees(
        { maxFeePerGas: 100n, maxPriorityFeePerGas: 10n },
        { maxFeePerGas: 1n, maxPriorityFeePerGas: 300n },
        policy,
      ),
    ).toEqual({ maxFeePerGas: 300n, maxPriorityFeePerGas: 300n });
  });

  it('returns undefined when the bump would pass the cap, and accepts exactly the cap', () => {
    const capped = { ...policy, maxFeePerGasCap: 1_125n };
    expect(
      bumpFees(
        { maxFeePerGas: 1_000n, maxPriorityFeePerGas: 1n },
        { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n },
        capped,
      ),
    ).toEqual({
      maxFeePerGas: 1_125n,
      maxPriorityFeePerGas: 2n,
    });
    expect(
      bumpFees(
        { maxFeePerGas: 1_001n, maxPriorityFeePerGas: 1n },
        { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n },
        capped,
      ),
    ).toBeUndefined();
  });

  it('property: a result is ≥ previous × (1 + bump), ≥ the estimate, within the cap; undefined only past the cap', () => {
    const wei = fc.bigInt({ min: 1n, max: 10n ** 12n });
    fc.assert(
      fc.property(wei, wei, wei, wei, fc.integer({ min: 100, max: 500 }), (pf, pp, cf, cp, bumpTenths) => {
        const p = { ...policy, maxFeePerGasCap: 2n * 10n ** 12n, bumpPercent: bumpTenths / 10 };
        const previous = { maxFeePerGas: pf, maxPriorityFeePerGas: pp };
        const current = { maxFeePerGas: cf, maxPriorityFeePerGas: cp };
        const bumped = bumpFees(previous, current, p);
        const minimum = (v: bigint): bigint => (v * BigInt(1000 + bumpTenths) + 999n) / 1000n;
        if (bumped === undefined) {
          const needed = [minimum(pf), cf, minimum(pp), cp].reduce((a, b) => (a > b ? a : b));
          expect(needed).toBeGreaterThan(p.maxFeePerGasCap);
          return;
        }
        expect(bumped.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(pf * BigInt(1000 + bumpTenths));
        expect(bumped.maxPriorityFeePerGas * 1000n).toBeGreaterThanOrEqual(pp * BigInt(1000 + bumpTenths));
        expect(bumped.maxFeePerGas).toBeGreaterThanOrEqual(cf);
        expect(bumped.maxPriorityFeePerGas).toBeGreaterThanOrEqual(cp);
        expect(bumped.maxFeePerGas).toBeGreaterThanOrEqual(bumped.maxPriorityFeePerGas);
        expect(bumped.maxFeePerGas).toBeLessThanOrEqual(p.maxFeePerGasCap);
      }),
      { numRuns: 2_000 },
    );
  });
});
