import type { PublisherContext } from './publish/PublisherContext.js';
import { publishStage, type PublishStageResult } from './publish/publishStage.js';
import type { CorrelateStageResult } from './crossAsset/correlateStage.js';
import type { CollectStageResult } from './collect/collectStage.js';
import type { ComputeStageResult } from './compute/computeStage.js';
import { computeCycle } from './computeCycle.js';

export interface CycleAssetResult {
  readonly collect: CollectStageResult;
  readonly compute: ComputeStageResult;
}

export interface CycleResult {
  readonly assets: readonly CycleAssetResult[];
  /** The pairs of the cycle (docs/cross-asset.md §2), computed from their legs' snapshots. */
  readonly pairs: readonly CycleAssetResult[];
  /** The cycle's correlations, stored (docs/cross-asset.md §1), or why not. */
  readonly correlations: CorrelateStageResult;
  readonly publish: PublishStageResult;
  /** The publish step's input (every asset's and pair's record of this cycle); the monitor reads them too. */
  readonly records: readonly { readonly asset: string; readonly ts: number; readonly publishDue: boolean }[];
}

/**
 * One whole cycle, exactly as the Step Functions workflow runs it: collect → compute for every
 * asset concurrently (the Map state); then, concurrently, collect → compute for every pair from its
 * legs' snapshots of this cycle (no venue read twice) and the cycle's correlations, stored; then one
 * publish step with all records (computeCycle, then publishStage).
 * `pairs` are configured pair ids `C/D` whose legs are both among `assets` (crossAssetStage).
 * @default [] (the CLI passes the configured pairs whose legs it runs)
 */
export async function runCycle(
  context: PublisherContext,
  assets: readonly string[],
  pairs: readonly string[] = [],
): Promise<CycleResult> {
  const { records, ...computed } = await computeCycle(context, assets, pairs);
  const publish = await publishStage(context, { records });
  return { ...computed, publish, records };
}
