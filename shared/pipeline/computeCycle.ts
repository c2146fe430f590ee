import type { PipelineContext } from './PipelineContext.js';
import type { CorrelateStageResult } from './crossAsset/correlateStage.js';
import { crossAssetStage } from './crossAsset/crossAssetStage.js';
import { collectStage } from './collect/collectStage.js';
import { computeStage } from './compute/computeStage.js';
import type { CycleAssetResult } from './runCycle.js';

export interface ComputedCycle {
  readonly assets: readonly CycleAssetResult[];
  /** The pairs of the cycle (docs/cross-asset.md §2), computed from their legs' snapshots. */
  readonly pairs: readonly CycleAssetResult[];
  /** The cycle's correlations, stored (docs/cross-asset.md §1), or why not. */
  readonly correlations: CorrelateStageResult;
  /** The publish step's input: every asset's and pair's record of this cycle. */
  readonly records: readonly { readonly asset: string; readonly ts: number; readonly publishDue: boolean }[];
}

/**
 * The part of a cycle before publishing, done once whatever the number of target chains
 * (docs/multi-chain.md): collect → compute for every asset concurrently, then the cross-asset step
 * (pairs and correlations, crossAssetStage), as runCycle does it.
 * `pairs` are configured pair ids `C/D` whose legs are both among `assets`. @default []
 */
export async function computeCycle(
  context: PipelineContext,
  assets: readonly string[],
  pairs: readonly string[] = [],
): Promise<ComputedCycle> {
  const results = await Promise.all(
    assets.map(async (asset) => {
      const collect = await collectStage(context, { asset });
      const compute = await computeStage(context, { asset, ts: collect.ts });
      return { collect, compute };
    }),
  );
  const cross = await crossAssetStage(context, {
    records: results.map(({ compute }) => ({
      asset: compute.asset,
      ts: compute.ts,
      publishDue: compute.publishDue,
    })),
    pairs,
  });
  return { assets: results, pairs: cross.pairs, correlations: cross.correlations, records: cross.records };
}
