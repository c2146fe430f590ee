import type { FeePolicy, Fees } from './FeePolicy.js';

/**
 * Fees for a replacement of a pending transaction: both fields at least `bumpPercent` above the
 * previous ones (nodes reject smaller bumps), and at least the current estimate. Returns undefined
 * when the bump would pass the cap: then the caller stops replacing and raises an alarm.
 */
export function bumpFees(previous: Fees, current: Fees, policy: FeePolicy): Fees | undefined {
  const bumpPermille = BigInt(Math.ceil(1000 + policy.bumpPercent * 10));
  const up = (value: bigint): bigint => (value * bumpPermille + 999n) / 1000n;
  const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
  const maxPriorityFeePerGas = max(up(previous.maxPriorityFeePerGas), current.maxPriorityFeePerGas);
  const maxFeePerGas = max(max(up(previous.maxFeePerGas), current.maxFeePerGas), maxPriorityFeePerGas);
  if (maxFeePerGas > policy.maxFeePerGasCap) return undefined;
  return { maxFeePerGas, maxPriorityFeePerGas };
}
