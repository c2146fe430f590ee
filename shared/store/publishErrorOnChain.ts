import { roundOnChain } from './roundOnChain.js';
import type { StoredRiskRecord } from './StoredRiskRecord.js';

/**
 * Why `chainId` refused or reverted `stored`, if it did and has not published it since
 * (shared/store/chainMarks.ts): the chain's own `publishError@<chainId>` mark. A plain
 * `publishError` on a record without any per-chain error mark was written by a single-chain
 * publisher before chain marks existed and counts for every chain that has not published the record.
 */
export function publishErrorOnChain(
  stored: Pick<StoredRiskRecord, 'chains' | 'round' | 'roundChainId' | 'publishError'>,
  chainId: bigint | number,
): string | undefined {
  const marks = stored.chains ?? {};
  const own = marks[String(chainId)]?.publishError;
  if (own !== undefined) return own;
  if (roundOnChain(stored, chainId) !== undefined) return undefined;
  const anyChainError = Object.values(marks).some((m) => m.publishError !== undefined);
  return anyChainError ? undefined : stored.publishError;
}
