import type { StoredRiskRecord } from './StoredRiskRecord.js';

/** The round that carried `stored` on `chainId`, if any; a pre-chain-marks `round` counts for every chain. */
export function roundOnChain(
  stored: Pick<StoredRiskRecord, 'chains' | 'round' | 'roundChainId'>,
  chainId: bigint | number,
): string | undefined {
  const mark = stored.chains?.[String(chainId)]?.round;
  if (mark !== undefined) return mark;
  return stored.roundChainId === undefined ? stored.round : undefined;
}
