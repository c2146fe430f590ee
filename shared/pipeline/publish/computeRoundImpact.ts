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

/** A record of the batch, with what this chain gets when that is not its candidate (DueRecord). */
export type ImpactBatchRecord = RecordKey & {
  readonly record: RiskRecord;
  /** The values sent to this chain: a lagging chain gets the candidate stepped from what it holds. */
  readonly sent?: { readonly ltBps: number } | undefined;
  /** What this chain holds for the asset before the round (null: nothing); absent: the asset head. */
  readonly held?: { readonly ltBps: number } | null | undefined;
};

export interface ComputeRoundImpactParams {
  /** The records in the batch about to be signed. */
  readonly batch: readonly ImpactBatchRecord[];
  /** Every record of this cycle (due or not): their snapshots give the reference prices. */
  readonly cycle: readonly RecordKey[];
}

/** The LT this chain gets for the record: what is sent (a catch-up step), else the candidate. */
const sentLt = ({ record, sent }: ImpactBatchRecord): number => sent?.ltBps ?? record.candidate.ltBps;

function ltChange(entry: ImpactBatchRecord, fromBps: number | null, ltRampHours: number): RoundLtChange {
  const { record } = entry;
  return {
    asset: record.asset,
    fromBps,
    toBps: sentLt(entry),
    targetBps: record.target.ltBps,
    ltRampHours,
    ramped: record.reasons.some((r) => r.code === 'ltRamp'),
  };
}

/**
 * The impact of a candidate round on every known position (docs/methodology.md §11), before it is
 * signed: liquidation thresholds on-chain (what this chain holds for the batch's assets, the asset
 * heads for the others) against the same with what the batch sends over them (the candidates, or a catch-up's
 * stepped values), at this cycle's reference prices. Never throws: a failure is recorded in
 * the impact and the round goes out all the same (a tightening is never held back).
 */
export async function computeRoundImpact(
  context: PipelineContext,
  { batch, cycle }: ComputeRoundImpactParams,
): Promise<RoundImpact> {
  const rampHours = (asset: string): number => context.config.assets[asset]?.ltRampHours ?? 0;
  let changes: RoundLtChange[] = batch.map((entry) => ltChange(entry, null, rampHours(entry.asset)));
  try {
    const heads = await listAssetHeads(context.dynamo, context.tables);
    const current: Record<string, number> = {};
    for (const head of heads) current[head.asset] = head.state.ltBps;
    // This chain's round starts from what this chain holds; the heads are the newest on any chain,
    // which a chain that lags behind does not hold.
    for (const { asset, held } of batch) {
      if (held === null) delete current[asset];
      else if (held !== undefined) current[asset] = held.ltBps;
    }
    changes = batch.map((entry) => ltChange(entry, current[entry.asset] ?? null, rampHours(entry.asset)));
    const candidate: Record<string, number> = { ...current };
    for (const entry of batch) candidate[entry.asset] = sentLt(entry);
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
