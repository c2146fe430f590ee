import type { PublisherContext } from './publish/PublisherContext.js';
import { publishStage, type PublishStageResult } from './publish/publishStage.js';
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
  readonly publish: PublishStageResult;
}

/**
 * One whole cycle, exactly as the Step Functions workflow runs it: collect → compute for every
 * asset and pair (computeCycle), then one publish step with all results.
 * `pairs` are configured pair ids `C/D` whose legs are both among `assets`. @default []
 */
export async function runCycle(
  context: PublisherContext,
  assets: readonly string[],
  pairs: readonly string[] = [],
): Promise<CycleResult> {
  const computed = await computeCycle(context, assets, pairs);
  const publish = await publishStage(context, { records: computed.records });
  return { assets: computed.assets, pairs: computed.pairs, publish };
}
