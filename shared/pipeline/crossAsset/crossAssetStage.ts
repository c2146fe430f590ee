import { parsePairId } from '../../config/parsePairId.js';
import { InputError } from '../../errors/BallastError.js';
import { collectPairStage } from '../collect/collectPairStage.js';
import type { CollectStageResult } from '../collect/collectStage.js';
import { computeStage, type ComputeStageResult } from '../compute/computeStage.js';
import type { PipelineContext } from '../PipelineContext.js';
import { correlateStage, type CorrelateStageResult } from './correlateStage.js';

/** One record of this cycle: its id, its snapshot key and whether it is due for publication. */
export interface CycleRecordRef {
  readonly asset: string;
  readonly ts: number;
  readonly publishDue: boolean;
}

export interface CrossAssetStageParams {
  /** The assets' records of this cycle (what the asset Map returns). */
  readonly records: readonly CycleRecordRef[];
  /**
   * Pair ids to compute, each configured with both legs among `records`.
   * @default every configured pair whose legs are both among `records`
   */
  readonly pairs?: readonly string[];
}

export interface CrossAssetStageResult {
  readonly pairs: readonly { readonly collect: CollectStageResult; readonly compute: ComputeStageResult }[];
  readonly correlations: CorrelateStageResult;
  /** The assets' records then the pairs': what the publish step takes. */
  readonly records: readonly CycleRecordRef[];
}

/**
 * The cross-asset step of a cycle (docs/cross-asset.md), after every asset's collect → compute:
 * concurrently, each pair is collected from its legs' snapshots of this cycle (no venue is read
 * again) and computed, and the cycle's correlations are computed from the same snapshots and
 * stored. Returns the records the publish step takes: the assets' and the pairs'.
 * @throws InputError when a requested pair is not configured or a leg is missing from the cycle.
 */
export async function crossAssetStage(
  context: PipelineContext,
  { records, pairs }: CrossAssetStageParams,
): Promise<CrossAssetStageResult> {
  const keyOf = new Map(records.map(({ asset, ts }) => [asset, { asset, ts }]));
  const inCycle = (id: string): boolean => {
    const legs = parsePairId(id);
    return legs !== undefined && keyOf.has(legs.collateral) && keyOf.has(legs.debt);
  };
  const selected = pairs ?? Object.keys(context.config.pairs).filter(inCycle);
  for (const pair of selected)
    if (context.config.pairs[pair] === undefined || !inCycle(pair))
      throw new InputError(
        `pairs: "${pair}" is not allowed; expected a configured pair (${Object.keys(context.config.pairs).join(', ') || 'none configured'}) whose legs are both among the cycle's assets (${[...keyOf.keys()].join(', ')})`,
      );
  const [pairResults, correlations] = await Promise.all([
    Promise.all(
      selected.map(async (pair) => {
        const legs = parsePairId(pair)!;
        const collect = await collectPairStage(context, {
          pair,
          collateral: keyOf.get(legs.collateral)!,
          debt: keyOf.get(legs.debt)!,
        });
        const compute = await computeStage(context, { asset: pair, ts: collect.ts });
        return { collect, compute };
      }),
    ),
    correlateStage(context, { snapshots: [...keyOf.values()] }),
  ]);
  return {
    pairs: pairResults,
    correlations,
    records: [
      ...records.map(({ asset, ts, publishDue }) => ({ asset, ts, publishDue })),
      ...pairResults.map(({ compute }) => ({
        asset: compute.asset,
        ts: compute.ts,
        publishDue: compute.publishDue,
      })),
    ],
  };
}
