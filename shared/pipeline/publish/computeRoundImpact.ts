import type { RiskRecord } from '../../risk/types.js';
import { positionImpact } from '../../risk/health/positionImpact.js';
import type { RoundImpact, RoundLtChange } from '../../risk/health/RoundImpact.js';
import { listAssetHeads } from '../../store/listAssetHeads.js';
import { listHealthPositions } from '../../store/listHealthPositions.js';
import type { RecordKey } from '../../store/StoredRiskRecord.js';
import { readCyclePrices } from '../../store/readCyclePrices.js';
import { healthParamsOf } from '../../risk/health/healthParamsOf.js';
import { logger } from '../../observability/powertools.js';
import type { PipelineContext } from '../PipelineContext.js';

export interface ComputeRoundImpactParams {
  /** The records in the batch about to be signed. */
  readonly batch: readonly (RecordKey & { readonly record: RiskRecord })[];
  /** Every record of this cycle (due or not): their snapshots give the reference prices. */
  readonly cycle: readonly RecordKey[];
}

function ltChange(record: RiskRecord, fromBps: number | null, ltRampHours: number): RoundLtChange {
  return {
    asset: record.asset,
    fromBps,
    toBps: record.candidate.ltBps,
    targetBps: record.target.ltBps,
    ltRampHours,
    ramped: record.reasons.some((r) => r.code === 'ltRamp'),
  };
}

/**
 * The impact of a candidate round on every known position (docs/methodology.md §11), before it is
 * signed: liquidation thresholds on-chain (the asset heads) against the same with the batch's
 * candidates over them, at this cycle's reference prices. Never throws: a failure is recorded in
 * the impact and the round goes out all the same (a tightening is never held back).
 */
export async function computeRoundImpact(
  context: PipelineContext,
  { batch, cycle }: ComputeRoundImpactParams,
): Promise<RoundImpact> {
  let changes: RoundLtChange[] = batch.map(({ record }) =>
    ltChange(record, null, context.config.assets[record.asset]?.ltRampHours ?? 0),
  );
  try {
    const heads = await listAssetHeads(context.dynamo, context.tables);
    const current: Record<string, number> = {};
    for (const head of heads) current[head.asset] = head.state.ltBps;
    changes = batch.map(({ record }) =>
      ltChange(record, current[record.asset] ?? null, context.config.assets[record.asset]?.ltRampHours ?? 0),
    );
    const candidate: Record<string, number> = { ...current };
    for (const { record } of batch) candidate[record.asset] = record.candidate.ltBps;
    const prices = await readCyclePrices(context.dynamo, context.tables, cycle);
    const { positions, sources } = await listHealthPositions(context.dynamo, context.tables);
    const impact = positionImpact({
      positions,
      prices,
      current: healthParamsOf(current),
      candidate: healthParamsOf(candidate),
    });
    return { status: 'computed', ...impact, prices, changes, sources: sources.length };
  } catch (error) {
    logger.warn('round impact failed; the round goes out without it', { error });
    return { status: 'failed', error: error instanceof Error ? error.message : String(error), changes };
  }
}
