import type { StoredRiskRecord } from './StoredRiskRecord.js';

/** The round that carried `stored` on `chainId`, if any; a pre-chain-marks `round` counts for every chain. */
export function roundOnChain(stored: StoredRiskRecord, chainId: bigint | number): string | undefined {
  const mark = stored.chains?.[String(chainId)];
  if (mark !== undefined) return mark.round;
  return stored.roundChainId === undefined ? stored.round : undefined;
}
