import { computeRiskRecord } from '../../risk/computeRiskRecord.js';
import type { RiskRecord } from '../../risk/types.js';
import { UnknownAssetError } from '../errors.js';
import { advanceAssetHead } from '../../store/advanceAssetHead.js';
import { getAssetHead } from '../../store/getAssetHead.js';
import { putRiskRecord } from '../../store/putRiskRecord.js';
import { getSnapshot } from '../../store/getSnapshot.js';
import type { PipelineContext } from '../PipelineContext.js';

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
}

/**
 * Stage 2: run the pure engine on the stored inputs, starting from the asset's head state, and
 * store the record once. A retry recomputes the same bytes and writes nothing new.
 */
export async function computeStage(
  context: PipelineContext,
  { asset, ts }: ComputeStageParams,
): Promise<ComputeStageResult> {
  const config = context.config.assets[asset];
  if (config === undefined) throw new UnknownAssetError(asset, Object.keys(context.config.assets));
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
  return { asset, ts, publishDue: record.publish.due, record };
}
