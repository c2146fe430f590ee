import type { AssetsConfig } from '../config/assetsConfig.js';
import type { PublisherTiming } from '../pipeline/publish/PublisherContext.js';
import { createLocalPublisherContext, type LocalPublisherContext } from './createLocalPublisherContext.js';
import type { StackState } from './stackState.js';

/** One publisher context per chain of the running stack (one for a one-chain stack), in chain order. */
export function createLocalPublisherLanes(
  state: StackState,
  config: AssetsConfig,
  overrides: { readonly timing?: Partial<PublisherTiming> } = {},
): [LocalPublisherContext, ...LocalPublisherContext[]] {
  const count = state.chains?.length ?? 1;
  const lanes = Array.from({ length: count }, (_, chain) =>
    createLocalPublisherContext(state, config, { ...overrides, chain }),
  );
  return lanes as [LocalPublisherContext, ...LocalPublisherContext[]];
}
