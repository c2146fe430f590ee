import type { PublisherContext } from './publish/PublisherContext.js';
import { publishStage, type PublishStageResult } from './publish/publishStage.js';
import { collectStage, type CollectStageResult } from './collect/collectStage.js';
import { computeStage, type ComputeStageResult } from './compute/computeStage.js';

export interface CycleAssetResult {
  readonly collect: CollectStageResult;
  readonly compute: ComputeStageResult;
}

export interface CycleResult {
  readonly assets: readonly CycleAssetResult[];
  readonly publish: PublishStageResult;
}

/**
 * One whole cycle, exactly as the Step Functions workflow runs it: collect → compute for every
 * asset concurrently (the Map state), then one publish step with all results.
 */
export async function runCycle(context: PublisherContext, assets: readonly string[]): Promise<CycleResult> {
  const results = await Promise.all(
    assets.map(async (asset) => {
      const collect = await collectStage(context, { asset });
      const compute = await computeStage(context, { asset, ts: collect.ts });
      return { collect, compute };
    }),
  );
  const publish = await publishStage(context, {
    records: results.map(({ compute }) => ({
      asset: compute.asset,
      ts: compute.ts,
      publishDue: compute.publishDue,
    })),
  });
  return { assets: results, publish };
}
