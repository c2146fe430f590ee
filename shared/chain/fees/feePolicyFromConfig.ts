import { parseUnits } from 'ethers';
import type { ChainFeePolicyConfig } from '../../config/chainConfig.js';
import { DEFAULT_FEE_POLICY, type FeePolicy } from './FeePolicy.js';

/** A chain's configured fee policy (gwei amounts) as the publisher's FeePolicy (wei); absent fields keep the defaults. */
export function feePolicyFromConfig(config: ChainFeePolicyConfig = {}): FeePolicy {
  const wei = (gwei: number): bigint => parseUnits(gwei.toFixed(9), 'gwei');
  return {
    ...DEFAULT_FEE_POLICY,
    ...(config.baseFeeMultiplier === undefined ? {} : { baseFeeMultiplier: config.baseFeeMultiplier }),
    ...(config.priorityPercentile === undefined ? {} : { priorityPercentile: config.priorityPercentile }),
    ...(config.minPriorityFeeGwei === undefined
      ? {}
      : { minPriorityFeePerGas: wei(config.minPriorityFeeGwei) }),
    ...(config.maxFeePerGasGwei === undefined ? {} : { maxFeePerGasCap: wei(config.maxFeePerGasGwei) }),
    ...(config.bumpPercent === undefined ? {} : { bumpPercent: config.bumpPercent }),
    ...(config.historyBlocks === undefined ? {} : { historyBlocks: config.historyBlocks }),
  };
}
