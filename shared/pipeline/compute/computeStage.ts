import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import { computeRiskRecord } from '../../risk/computeRiskRecord.js';
import type { RiskRecord } from '../../risk/types.js';
import { UnknownAssetError } from '../errors.js';
import { advanceAssetHead } from '../../store/advanceAssetHead.js';
import { getAssetHead } from '../../store/getAssetHead.js';
import { putRiskRecord } from '../../store/putRiskRecord.js';
import { getSnapshot } from '../../store/getSnapshot.js';
import type { PipelineContext } from '../PipelineContext.js';
import { advanceCheckpointChain, type CheckpointOutcome } from './advanceCheckpointChain.js';

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
  /** The asset's engine checkpoint chain after this cycle (docs/methodology.md §8.4). */
  readonly checkpoint: CheckpointOutcome;
}

/**
 * Stage 2: run the pure engine on the stored inputs (an asset's or a pair's), starting from its head state, and
 * store the record once. A retry recomputes the same bytes and writes nothing new.
 */
export async function computeStage(
  context: PipelineContext,
  { asset, ts }: ComputeStageParams,
): Promise<ComputeStageResult> {
  // An asset's config, or a pair's resolved one (docs/cross-asset.md §2).
  const config = riskConfigOf(context.config, asset);
  if (config === undefined) throw new UnknownAssetError(asset, riskIds(context.config));
  const [snapshot, head] = await Promise.all([
    getSnapshot(context.dynamo, context.tables, asset, ts),
    getAssetHead(context.dynamo, context.tables, asset),
  ]);
  const record = computeRiskRecord({
    inputs: snapshot.inputs,
    config,
    ...(head === undefined ? {} : { previous: head.state }),
    ...(context.modelVersion === undefined ? {} : { modelVersion: context.modelVersion }),
  });
  await putRiskRecord(context.dynamo, context.tables, { asset, ts }, record, config);
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
  const checkpoint = await advanceCheckpointChain(context, {
    asset,
    inputs: snapshot.inputs,
    config,
    modelVersion: record.modelVersion,
  });
  return { asset, ts, publishDue: record.publish.due, record, checkpoint };
}
