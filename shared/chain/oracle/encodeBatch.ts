import { encodeUpdate } from './encodeUpdate.js';
import { OracleClientError } from './errors.js';
import type { OracleBatch } from './types.js';

export interface EncodedBatch {
  readonly round: bigint;
  readonly observedAt: number;
  /** Packed update words, sorted by asset id ascending (the contract requires it). */
  readonly updates: readonly string[];
}

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT32 = 2 ** 32 - 1;

/**
 * Encodes a batch into `submit`'s arguments. Updates are sorted by id ascending because the
 * contract rejects duplicates by requiring a strictly increasing order.
 */
export function encodeBatch(batch: OracleBatch): EncodedBatch {
  if (batch.round < 1n || batch.round > MAX_UINT64) {
    throw new OracleClientError(`batch.round = ${batch.round} is not allowed; expected 1 to 2^64-1`);
  }
  if (!Number.isInteger(batch.observedAt) || batch.observedAt < 1 || batch.observedAt > MAX_UINT32) {
    throw new OracleClientError(
      `batch.observedAt = ${batch.observedAt} is not allowed; expected unix seconds from 1 to 2^32-1`,
    );
  }
  if (batch.updates.length === 0)
    throw new OracleClientError('batch.updates is empty; a batch needs at least one update');
  const words = batch.updates.map(encodeUpdate).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  for (let i = 1; i < words.length; i++) {
    // The id is the high 24 bytes: equal prefixes mean the same asset twice.
    if ((words[i] as string).slice(0, 50) === (words[i - 1] as string).slice(0, 50)) {
      throw new OracleClientError(
        `batch.updates lists an asset twice (${(words[i] as string).slice(0, 50)}); one update per asset per batch`,
      );
    }
  }
  return { round: batch.round, observedAt: batch.observedAt, updates: words };
}
