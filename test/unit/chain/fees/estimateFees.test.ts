import type { JsonRpcProvider } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEE_POLICY } from '../../../../shared/chain/fees/FeePolicy.js';
import { FeeCapExceededError } from '../../../../shared/chain/fees/errors.js';
import { estimateFees } from '../../../../shared/chain/fees/estimateFees.js';

const GWEI = 1_000_000_000n;
const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** A provider answering only eth_feeHistory, recording the parameters it was asked with. */
function feeHistoryProvider(history: { baseFeePerGas: bigint[]; reward?: bigint[] }): {
  provider: JsonRpcProvider;
  calls: unknown[][];
} {
  const calls: unknown[][] = [];
  const provider = {
    send: async (method: string, params: unknown[]) => {
      calls.push([method, ...params]);
      if (method !== 'eth_feeHistory') throw new Error(`unexpected ${method}`);
      return {
        baseFeePerGas: history.baseFeePerGas.map(hex),
        ...(history.reward === undefined ? {} : { reward: history.reward.map((r) => [hex(r)]) }),
      };
    },
  } as unknown as JsonRpcProvider;
  return { provider, calls };
}

describe('estimateFees', () => {
  it('asks for the policy percentile over its history window and prices the next base fee', async () => {
    // The last baseFeePerGas entry is the NEXT block's base fee.
    const { provider, calls } = feeHistoryProvider({
      baseFeePerGas: [10n * GWEI, 11n * GWEI, 12n * GWEI],
      reward: [2n * GWEI, 3n * GWEI, 5n * GWEI],
    });
    const fees = await estimateFees(provider, DEFAULT_FEE_POLICY);
    expect(calls).toEqual([['eth_feeHistory', '0xa', 'latest', [50]]]);
    // priority = middle reward 3 gwei; max = 12 gwei × 2 + 3 gwei.
    expect(fees).toEqual({ maxPriorityFeePerGas: 3n * GWEI, maxFeePerGas: 27n * GWEI });
  });

  it('keeps the priority fee at its floor when recent blocks paid less (or nothing)', async () => {
    const { provider } = feeHistoryProvider({ baseFeePerGas: [GWEI], reward: [0n, 1n] });
    expect(await estimateFees(provider, DEFAULT_FEE_POLICY)).toEqual({
      maxPriorityFeePerGas: GWEI,
      maxFeePerGas: 3n * GWEI,
    });
    const empty = feeHistoryProvider({ baseFeePerGas: [GWEI] });
    expect((await estimateFees(empty.provider, DEFAULT_FEE_POLICY)).maxPriorityFeePerGas).toBe(GWEI);
  });

  it('applies a fractional base-fee multiplier', async () => {
    const { provider } = feeHistoryProvider({ baseFeePerGas: [10n * GWEI], reward: [GWEI] });
    const fees = await estimateFees(provider, { ...DEFAULT_FEE_POLICY, baseFeeMultiplier: 1.25 });
    expect(fees.maxFeePerGas).toBe(13_500_000_000n);
  });

  it('refuses a fee above the cap with FeeCapExceededError naming both amounts', async () => {
    const { provider } = feeHistoryProvider({ baseFeePerGas: [300n * GWEI], reward: [GWEI] });
    const error = await estimateFees(provider, DEFAULT_FEE_POLICY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeeCapExceededError);
    expect(String(error)).toMatch(/601000000000 wei exceeds the chain's cap 500000000000 wei/);
  });
});
