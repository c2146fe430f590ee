import { logger } from '../../observability/powertools.js';
import type { PublisherContext } from './PublisherContext.js';
import { publishStage, type PublishStageParams, type PublishStageResult } from './publishStage.js';

/** What one chain's lane made of the cycle: its publish result, or the error it stopped on. */
export type ChainPublishResult = {
  /** The lane's chain name (`chain-<id>` when the context names none). */
  readonly chain: string;
  readonly chainId: number;
} & (
  { readonly ok: true; readonly result: PublishStageResult } | { readonly ok: false; readonly error: unknown }
);

/**
 * Publishes the same records on every chain, one lane per chain, all at once (docs/multi-chain.md):
 * each lane has its own lease, ledger, nonces, fees, failover and outcome, so a chain that is down
 * or stuck delays only itself; its error is returned for that chain, never thrown over the others.
 * The Step Functions workflow does the same with one publisher Lambda per chain in a Parallel state.
 */
export async function publishToChains(
  lanes: readonly PublisherContext[],
  params: PublishStageParams,
): Promise<ChainPublishResult[]> {
  return Promise.all(
    lanes.map(async (lane): Promise<ChainPublishResult> => {
      const chainId = Number(lane.rpc.chainId);
      const chain = lane.lane?.name ?? `chain-${chainId}`;
      try {
        return { chain, chainId, ok: true, result: await publishStage(lane, params) };
      } catch (error) {
        logger.error('publishing to a chain failed; the other chains go on', { chain, chainId, error });
        return { chain, chainId, ok: false, error };
      }
    }),
  );
}
