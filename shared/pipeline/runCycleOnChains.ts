import type { PublisherContext } from './publish/PublisherContext.js';
import { publishToChains, type ChainPublishResult } from './publish/publishToChains.js';
import type { CycleAssetResult } from './runCycle.js';
import { collectStage } from './collect/collectStage.js';
import { computeStage } from './compute/computeStage.js';

export interface MultiChainCycleResult {
  readonly assets: readonly CycleAssetResult[];
  /** One entry per lane, in the lanes' order. */
  readonly chains: readonly ChainPublishResult[];
}

/**
 * One cycle for several target chains, as the workflow runs it: collect → compute once per asset
 * (with the first lane's store, config and venues: every lane shares them), then the same records
 * go to every chain's lane at once (publishToChains).
 */
export async function runCycleOnChains(
  lanes: readonly [PublisherContext, ...PublisherContext[]],
  assets: readonly string[],
): Promise<MultiChainCycleResult> {
  const [first] = lanes;
  const results = await Promise.all(
    assets.map(async (asset) => {
      const collect = await collectStage(first, { asset });
      const compute = await computeStage(first, { asset, ts: collect.ts });
      return { collect, compute };
    }),
  );
  const chains = await publishToChains(lanes, {
    records: results.map(({ compute }) => ({
      asset: compute.asset,
      ts: compute.ts,
      publishDue: compute.publishDue,
    })),
  });
  return { assets: results, chains };
}
