import type { JsonRpcProvider } from 'ethers';
import type { FeePolicy, Fees } from './FeePolicy.js';
import { FeeCapExceededError } from './errors.js';

/**
 * EIP-1559 fees from recent blocks (`eth_feeHistory`): priority = the policy's percentile of recent
 * rewards (at least its floor); max fee = next base fee × multiplier + priority, capped.
 * Fails rather than exceed the cap: the oracle waits instead of overpaying without bound.
 */
export async function estimateFees(provider: JsonRpcProvider, policy: FeePolicy): Promise<Fees> {
  const history = (await provider.send('eth_feeHistory', [
    `0x${policy.historyBlocks.toString(16)}`,
    'latest',
    [policy.priorityPercentile],
  ])) as { baseFeePerGas: string[]; reward?: string[][] };
  const nextBaseFee = BigInt(history.baseFeePerGas.at(-1) ?? '0x0');
  const rewards = (history.reward ?? [])
    .map((row) => BigInt(row[0] ?? '0x0'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const median = rewards.length === 0 ? 0n : (rewards[Math.floor(rewards.length / 2)] ?? 0n);
  const maxPriorityFeePerGas = median > policy.minPriorityFeePerGas ? median : policy.minPriorityFeePerGas;
  const multiplierPermille = BigInt(Math.round(policy.baseFeeMultiplier * 1000));
  const maxFeePerGas = (nextBaseFee * multiplierPermille) / 1000n + maxPriorityFeePerGas;
  if (maxFeePerGas > policy.maxFeePerGasCap) {
    throw new FeeCapExceededError(
      `needed maxFeePerGas ${maxFeePerGas} wei exceeds the chain's cap ${policy.maxFeePerGasCap} wei`,
      {
        fix: 'wait for fees to fall, or raise maxFeePerGasCap in the chain config after review',
      },
    );
  }
  return { maxFeePerGas, maxPriorityFeePerGas };
}
