import { describe, expect, it } from 'vitest';
import { DEFAULT_FEE_POLICY } from '../../../../shared/chain/fees/FeePolicy.js';
import { feePolicyFromConfig } from '../../../../shared/chain/fees/feePolicyFromConfig.js';

describe('feePolicyFromConfig', () => {
  it('keeps every default when the chain sets none', () => {
    expect(feePolicyFromConfig()).toEqual(DEFAULT_FEE_POLICY);
    expect(feePolicyFromConfig({})).toEqual(DEFAULT_FEE_POLICY);
  });

  it('converts gwei amounts to wei exactly and keeps the unset fields', () => {
    expect(
      feePolicyFromConfig({ maxFeePerGasGwei: 2.5, minPriorityFeeGwei: 0.001, bumpPercent: 15 }),
    ).toEqual({
      ...DEFAULT_FEE_POLICY,
      maxFeePerGasCap: 2_500_000_000n,
      minPriorityFeePerGas: 1_000_000n,
      bumpPercent: 15,
    });
  });
});
