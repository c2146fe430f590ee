import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { hashCanonical } from '../../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../risk/provenance/hashSchemes.js';
import { getLatestCheckpoint } from '../../store/getLatestCheckpoint.js';
import { StoredItemError } from '../../store/errors.js';
import { listCandles } from '../../store/listCandles.js';
import type { FullRebuildReason, RecordProvenance } from '../../store/RecordProvenance.js';
import type { StoredCheckpoint } from '../../store/StoredCheckpoint.js';
import type { PipelineContext } from '../PipelineContext.js';

export interface EngineBasis {
  /** The checkpoint the cycle continues from (its hash checked); absent: a full rebuild. */
  readonly checkpoint?: StoredCheckpoint;
  /** The new candles after the checkpoint, or every stored candle for a full rebuild; all closed by asOf. */
  readonly candles: readonly Candle[];
  readonly provenance: RecordProvenance;
}

/**
 * What a cycle's record is computed from (docs/methodology.md §8.4): the asset's newest checkpoint
 * before `asOf` and the stored candles closed after it, when that checkpoint was computed under
 * this configuration and model version and its state still hashes to its hash; otherwise every
 * stored candle from the first (a full rebuild, which gives the record the chain would, bit for
 * bit), with the reason recorded.
 */
export async function resolveEngineBasis(
  context: PipelineContext,
  {
    asset,
    asOf,
    config,
    modelVersion,
    broken,
  }: {
    asset: string;
    asOf: number;
    config: AssetConfig;
    modelVersion: string;
    /** Why the newest checkpoint cannot be continued although it hashes right (it failed to restore): rebuild. */
    broken?: string;
  },
): Promise<EngineBasis> {
  // The newest checkpoint before the cycle's last candle: the same for every cycle (and retry) of
  // the hour, so a retried compute finds the same basis and recomputes the same bytes.
  const lastHour = asOf - HOUR_MS;
  let latest: StoredCheckpoint | undefined;
  let unreadable: string | undefined;
  try {
    latest = await getLatestCheckpoint(context.dynamo, context.tables, asset, lastHour);
  } catch (error) {
    // A chunk of its state is missing or altered: the chain is broken, rebuild.
    if (!(error instanceof StoredItemError)) throw error;
    unreadable = error.message;
  }
  const range = (candles: readonly Candle[]) => ({
    candlesFromTs: candles[0]?.[0] ?? null,
    candlesToTs: candles[candles.length - 1]?.[0] ?? null,
  });
  let reason: FullRebuildReason;
  let detail: string;
  if (unreadable !== undefined) {
    reason = 'chainBroken';
    detail = `the newest checkpoint cannot be read back: ${unreadable}`;
  } else if (latest === undefined) {
    reason = 'noCheckpoint';
    detail = `${asset} has no checkpoint before ${new Date(lastHour).toISOString()}`;
  } else if (
    latest.configHash !== hashCanonical(config, CURRENT_HASH_SCHEME) ||
    latest.modelVersion !== modelVersion
  ) {
    reason = 'newChain';
    detail = `the newest checkpoint (${new Date(latest.hourTs).toISOString()}) was computed under another configuration or model version (${latest.modelVersion})`;
  } else if (broken !== undefined) {
    reason = 'chainBroken';
    detail = `the checkpoint of ${new Date(latest.hourTs).toISOString()} cannot be continued: ${broken}`;
  } else {
    const hash = hashCanonical(latest.state, CURRENT_HASH_SCHEME);
    if (hash === latest.hash) {
      const candles = await listCandles(context.dynamo, context.tables, asset, latest.hourTs + 1, lastHour);
      return {
        checkpoint: latest,
        candles,
        provenance: { basis: 'checkpoint', checkpointHourTs: latest.hourTs, ...range(candles) },
      };
    }
    reason = 'chainBroken';
    detail = `the checkpoint of ${new Date(latest.hourTs).toISOString()} hashes to ${hash}, its link names ${latest.hash}`;
  }
  return fullRebuild(context, {
    asset,
    lastHour,
    reason,
    detail,
    ...(latest === undefined ? {} : { latestHourTs: latest.hourTs }),
  });
}

/** Every stored candle of the asset up to `lastHour`: the history a chain starts from. */
async function fullRebuild(
  context: PipelineContext,
  {
    asset,
    lastHour,
    reason,
    detail,
  }: { asset: string; lastHour: number; reason: FullRebuildReason; detail: string },
): Promise<EngineBasis> {
  const candles = await listCandles(context.dynamo, context.tables, asset, 0, lastHour);
  return {
    candles,
    provenance: {
      basis: 'fullRebuild',
      reason,
      detail,
      candlesFromTs: candles[0]?.[0] ?? null,
      candlesToTs: candles[candles.length - 1]?.[0] ?? null,
    },
  };
}
