import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../core/time.js';
import { checkpointStep } from '../../risk/engine/checkpointStep.js';
import { hashCanonical } from '../../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../../risk/types.js';
import { CheckpointTooLargeError } from '../../store/errors.js';
import { getLatestCheckpoint } from '../../store/getLatestCheckpoint.js';
import { putCheckpoint } from '../../store/putCheckpoint.js';
import type { PipelineContext } from '../PipelineContext.js';

export type CheckpointOutcome =
  /** A new link was stored (or a retry found it stored). */
  | {
      readonly status: 'written';
      readonly hourTs: number;
      readonly hash: string;
      readonly predecessorHash: string | null;
      readonly storedBytes: number;
    }
  /** No candle closed since the last checkpoint. */
  | { readonly status: 'current'; readonly hourTs: number; readonly hash: string }
  /** No chain can start yet: no closed candle, or a new configuration within the hour of the old chain's last link. */
  | { readonly status: 'none' }
  /** The state no longer fits one item: the chain stops growing (the record was written regardless). */
  | { readonly status: 'tooLarge'; readonly detail: string };

/**
 * Extends the asset's checkpoint chain with the candles that closed since its last checkpoint
 * (docs/methodology.md §8.4): reads the newest checkpoint and the snapshot's new candles only,
 * steps, hashes (RFC 8785 + SHA-256) and stores the new checkpoint naming its predecessor. A chain
 * starts over from the snapshot's first candle when there is none yet, or when the configuration or
 * model version changed (the old chain stays, closed).
 */
export async function advanceCheckpointChain(
  context: PipelineContext,
  {
    asset,
    inputs,
    config,
    modelVersion,
  }: { asset: string; inputs: RiskInputs; config: AssetConfig; modelVersion: string },
): Promise<CheckpointOutcome> {
  const configHash = hashCanonical(config, CURRENT_HASH_SCHEME);
  const latest = await getLatestCheckpoint(context.dynamo, context.tables, asset, inputs.asOf);
  const continues =
    latest !== undefined && latest.configHash === configHash && latest.modelVersion === modelVersion;
  const after = continues ? latest.hourTs : Number.NEGATIVE_INFINITY;
  const candles = inputs.candles.filter(([ts]) => ts > after && ts + HOUR_MS <= inputs.asOf);
  const last = candles[candles.length - 1];
  if (last === undefined)
    return latest === undefined
      ? { status: 'none' }
      : { status: 'current', hourTs: latest.hourTs, hash: latest.hash };
  // A new chain (new configuration) starts with the next hour: this asset-hour holds the old chain's link.
  if (!continues && latest !== undefined && last[0] <= latest.hourTs) return { status: 'none' };
  const state = checkpointStep({
    asset,
    ...(continues ? { predecessor: latest.state } : {}),
    candles,
    config,
    modelVersion,
  });
  const hash = hashCanonical(state, CURRENT_HASH_SCHEME);
  const predecessorHash = continues ? latest.hash : null;
  try {
    const { storedBytes } = await putCheckpoint(context.dynamo, context.tables, {
      asset,
      hourTs: last[0],
      hash,
      predecessorHash,
      candles,
      modelVersion,
      configHash,
      state,
    });
    return { status: 'written', hourTs: last[0], hash, predecessorHash, storedBytes };
  } catch (error) {
    if (error instanceof CheckpointTooLargeError) return { status: 'tooLarge', detail: error.message };
    throw error;
  }
}
