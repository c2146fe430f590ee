import type { PublisherLane } from './PublisherContext.js';

/**
 * Whether a lane publishes the record of `id` (an asset, or a pair `C/D`), docs/multi-chain.md:
 * an asset when the lane selects no assets or lists it; a pair when the lane lists it in `pairs`,
 * or, without `pairs`, when both its legs are published on the lane's chain.
 */
export function laneIncludes(lane: PublisherLane | undefined, id: string): boolean {
  const assets = lane?.assets;
  const legs = id.split('/');
  if (legs.length !== 2) return assets === undefined || assets.includes(id);
  if (lane?.pairs !== undefined) return lane.pairs.includes(id);
  return assets === undefined || legs.every((leg) => assets.includes(leg));
}
