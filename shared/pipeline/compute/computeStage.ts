import { DEFAULTS } from '../../config/defaults.js';
import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import type { AssetConfig } from '../../config/assetsConfig.js';
import { computeRiskCycle } from '../../risk/computeRiskCycle.js';
import { RiskInputError } from '../../risk/errors.js';
import { hashCanonical } from '../../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../risk/provenance/hashSchemes.js';
import type { RiskRecord } from '../../risk/types.js';
import { UnknownAssetError } from '../errors.js';
import { advanceAssetHead } from '../../store/advanceAssetHead.js';
import { getAssetHead } from '../../store/getAssetHead.js';
import { getLatestCheckpoint } from '../../store/getLatestCheckpoint.js';
import { getLatestCheckpointHour } from '../../store/getLatestCheckpointHour.js';
import { putRiskRecord } from '../../store/putRiskRecord.js';
import { getSnapshot } from '../../store/getSnapshot.js';
import type { RecordProvenance } from '../../store/RecordProvenance.js';
import type { StoredCheckpoint } from '../../store/StoredCheckpoint.js';
import type { PipelineContext } from '../PipelineContext.js';
import { advanceCheckpointChain, type CheckpointOutcome } from './advanceCheckpointChain.js';
import { resolveEngineBasis, type EngineBasis } from './resolveEngineBasis.js';

export interface ComputeStageParams {
  readonly asset: string;
  /** Key of the snapshot collect stored. */
  readonly ts: number;
}

export interface ComputeStageResult {
  readonly asset: string;
  readonly ts: number;
  readonly publishDue: boolean;
  readonly record: RiskRecord;
  /**
   * What the record was computed from: the newest checkpoint and the candles since, or a full
   * rebuild from the first stored candle (and why); absent for a snapshot of the older format,
   * whose inputs hold their candles.
   */
  readonly provenance?: RecordProvenance;
  /** The asset's engine checkpoint chain after this cycle (docs/methodology.md §8.4). */
  readonly checkpoint: CheckpointOutcome;
}

/**
 * Stage 2: run the pure engine on the stored inputs (an asset's or a pair's), starting from its head
 * state, and store the record once. The record is computed from the asset's newest checkpoint and
 * the reference candles closed since (docs/methodology.md §8.4), so the work grows with the new data,
 * not with the history; without a usable checkpoint it is rebuilt from the first stored candle (the
 * same record, bit for bit), and the record says so. Then the checkpoint chain is extended. A retry
 * recomputes the same bytes and writes nothing new.
 */
export async function computeStage(
  context: PipelineContext,
  { asset, ts }: ComputeStageParams,
): Promise<ComputeStageResult> {
  // An asset's config, or a pair's resolved one (docs/cross-asset.md §2).
  const config = riskConfigOf(context.config, asset);
  if (config === undefined) throw new UnknownAssetError(asset, riskIds(context.config));
  const modelVersion = context.modelVersion ?? DEFAULTS.modelVersion;
  const [snapshot, head] = await Promise.all([
    getSnapshot(context.dynamo, context.tables, asset, ts, { withCandles: false }),
    getAssetHead(context.dynamo, context.tables, asset),
  ]);
  const previous = head === undefined ? {} : { previous: head.state };
  const { asOf } = snapshot.inputs;
  let record: RiskRecord;
  let basis: EngineBasis | undefined;
  if (snapshot.candleRange === undefined) {
    // A snapshot of the older format holds its whole candle history: computed from it, as then.
    ({ record } = computeRiskCycle({ inputs: snapshot.inputs, config, ...previous, modelVersion }));
  } else {
    basis = await resolveEngineBasis(context, { asset, asOf, config, modelVersion });
    const run = (from: EngineBasis): RiskRecord =>
      computeRiskCycle({
        inputs: { ...snapshot.inputs, candles: from.candles },
        config,
        ...previous,
        ...(from.checkpoint === undefined ? {} : { checkpoint: from.checkpoint.state }),
        modelVersion,
      }).record;
    try {
      record = run(basis);
    } catch (error) {
      // A checkpoint that hashes right but does not restore (another engine version wrote it):
      // rebuild from the first candle; bad candles fail the rebuild too, and then the stage.
      if (!(error instanceof RiskInputError) || basis.checkpoint === undefined) throw error;
      basis = await resolveEngineBasis(context, { asset, asOf, config, modelVersion, broken: error.message });
      record = run(basis);
    }
  }
  await putRiskRecord(context.dynamo, context.tables, { asset, ts }, record, config, basis?.provenance);
  if (!record.publish.due) {
    // Nothing to publish: the on-chain values stay, but the APC memory moves on every cycle.
    await advanceAssetHead(context.dynamo, context.tables, {
      ...(head ?? {}),
      asset,
      state: record.nextState,
      recordTs: ts,
      lastCycleTs: ts,
      degraded: record.flags.degraded,
    });
  }
  // The newest checkpoint of any chain: a new chain never takes an hour another chain holds.
  const latestHourTs = await getLatestCheckpointHour(context.dynamo, context.tables, asset, asOf);
  const checkpoint = await advanceCheckpointChain(context, {
    asset,
    config,
    modelVersion: record.modelVersion,
    asOf,
    ...(latestHourTs === undefined ? {} : { latestHourTs }),
    ...(basis === undefined
      ? legacyPredecessor(
          await getLatestCheckpoint(context.dynamo, context.tables, asset, asOf),
          config,
          record.modelVersion,
        )
      : basis.checkpoint === undefined
        ? {}
        : { predecessor: basis.checkpoint }),
    candles: basis?.candles ?? snapshot.inputs.candles,
  });
  return {
    asset,
    ts,
    publishDue: record.publish.due,
    record,
    ...(basis === undefined ? {} : { provenance: basis.provenance }),
    checkpoint,
  };
}

/** For a snapshot of the older format: continue the newest checkpoint if it is of this chain and intact. */
function legacyPredecessor(
  latest: StoredCheckpoint | undefined,
  config: AssetConfig,
  modelVersion: string,
): { predecessor?: StoredCheckpoint } {
  const continues =
    latest !== undefined &&
    latest.configHash === hashCanonical(config, CURRENT_HASH_SCHEME) &&
    latest.modelVersion === modelVersion &&
    hashCanonical(latest.state, CURRENT_HASH_SCHEME) === latest.hash;
  return continues ? { predecessor: latest } : {};
}
