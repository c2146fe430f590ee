import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { checkpointStep } from '../../risk/engine/checkpointStep.js';
import { hashCanonical } from '../../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../risk/provenance/hashSchemes.js';
import { CheckpointTooLargeError, ConflictingWriteError } from '../../store/errors.js';
import { putCheckpoint } from '../../store/putCheckpoint.js';
import type { StoredCheckpoint } from '../../store/StoredCheckpoint.js';
import type { PipelineContext } from '../PipelineContext.js';

export type CheckpointOutcome =
  /** A new link was stored. */
  | {
      readonly status: 'written';
      readonly hourTs: number;
      readonly hash: string;
      readonly predecessorHash: string | null;
      readonly storedBytes: number;
    }
  /** No candle closed since the last checkpoint, or the link was already stored (a retry, or an earlier cycle of the hour). */
  | { readonly status: 'current'; readonly hourTs: number; readonly hash: string }
  /** No chain can start yet: no closed candle, or a new chain within the hour of the old chain's last link. */
  | { readonly status: 'none' }
  /** The state no longer fits one item: the chain stops growing (the record was written regardless). */
  | { readonly status: 'tooLarge'; readonly detail: string };

export interface AdvanceCheckpointChainParams {
  readonly asset: string;
  readonly config: AssetConfig;
  /** The model version the chain is computed under (the record's). */
  readonly modelVersion: string;
  /** Candles must have closed by then (ms UTC). */
  readonly asOf: number;
  /** The checkpoint to continue from (its hash already checked); absent: a chain starts at `candles[0]`. */
  readonly predecessor?: StoredCheckpoint;
  /** Open time of the asset's newest checkpoint before `asOf`, of any chain (absent: none). */
  readonly latestHourTs?: number;
  /** The candles after the predecessor (or the whole history for a new chain), ascending. */
  readonly candles: readonly Candle[];
}

/**
 * Extends the asset's checkpoint chain with the candles that closed since its last checkpoint
 * (docs/methodology.md §8.4): steps the predecessor through the new candles, hashes (RFC 8785 +
 * SHA-256) and stores the new checkpoint naming its predecessor, and its candles by hour range
 * (they are stored once, in table `candles`). Without a predecessor a chain starts (no checkpoint
 * yet, another configuration or model version, or a broken chain; the old links stay); it waits
 * for the next hour when the newest checkpoint already holds this one.
 */
export async function advanceCheckpointChain(
  context: PipelineContext,
  {
    asset,
    config,
    modelVersion,
    asOf,
    predecessor,
    latestHourTs,
    candles: given,
  }: AdvanceCheckpointChainParams,
): Promise<CheckpointOutcome> {
  const after = predecessor?.hourTs ?? Number.NEGATIVE_INFINITY;
  const candles = given.filter(([ts]) => ts > after && ts + HOUR_MS <= asOf);
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (first === undefined || last === undefined)
    return predecessor === undefined
      ? { status: 'none' }
      : { status: 'current', hourTs: predecessor.hourTs, hash: predecessor.hash };
  // A new chain starts with the next hour: this asset-hour holds the old chain's link.
  if (predecessor === undefined && latestHourTs !== undefined && last[0] <= latestHourTs)
    return { status: 'none' };
  const state = checkpointStep({
    asset,
    ...(predecessor === undefined ? {} : { predecessor: predecessor.state }),
    candles,
    config,
    modelVersion,
  });
  const hash = hashCanonical(state, CURRENT_HASH_SCHEME);
  const predecessorHash = predecessor?.hash ?? null;
  try {
    const { written, storedBytes } = await putCheckpoint(
      context.dynamo,
      context.tables,
      {
        asset,
        hourTs: last[0],
        hash,
        predecessorHash,
        candlesFromTs: first[0],
        candleCount: candles.length,
        modelVersion,
        configHash: hashCanonical(config, CURRENT_HASH_SCHEME),
        state,
      },
      predecessor,
    );
    return written
      ? { status: 'written', hourTs: last[0], hash, predecessorHash, storedBytes }
      : { status: 'current', hourTs: last[0], hash };
  } catch (error) {
    if (error instanceof CheckpointTooLargeError) return { status: 'tooLarge', detail: error.message };
    // Another chain (an earlier configuration) holds this asset-hour: this one starts next hour.
    if (error instanceof ConflictingWriteError) return { status: 'none' };
    throw error;
  }
}
