import type { PublisherContext } from './publish/PublisherContext.js';
import { publishToChains, type ChainPublishResult } from './publish/publishToChains.js';
import type { CycleAssetResult } from './runCycle.js';
import { computeCycle, type ComputedCycle } from './computeCycle.js';

export interface MultiChainCycleResult {
  readonly assets: readonly CycleAssetResult[];
  readonly pairs: readonly CycleAssetResult[];
  readonly correlations: ComputedCycle['correlations'];
  /** One entry per lane, in the lanes' order. */
  readonly chains: readonly ChainPublishResult[];
  /** The records every lane published from (the monitor reads them after the cycle). */
  readonly records: ComputedCycle['records'];
}

/**
 * One cycle for several target chains, as the workflow runs it: collect → compute once per asset
 * and pair (computeCycle, with the first lane's store, config and venues: every lane shares them),
 * then the same records go to every chain's lane at once (publishToChains).
 * `pairs` are configured pair ids `C/D` whose legs are both among `assets`. @default []
 */
export async function runCycleOnChains(
  lanes: readonly [PublisherContext, ...PublisherContext[]],
  assets: readonly string[],
  pairs: readonly string[] = [],
): Promise<MultiChainCycleResult> {
  const computed = await computeCycle(lanes[0], assets, pairs);
  const chains = await publishToChains(lanes, { records: computed.records });
  return {
    assets: computed.assets,
    pairs: computed.pairs,
    correlations: computed.correlations,
    chains,
    records: computed.records,
  };
}
