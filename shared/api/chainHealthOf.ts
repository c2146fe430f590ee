import { listRecentPublications } from '../store/listRecentPublications.js';
import { oracleKey } from '../store/oracleKey.js';
import type { PublicationStatus } from '../store/Publication.js';
import type { ApiContext, ReadChain } from './ApiContext.js';
import { toIso } from './toIso.js';

/** Rounds read back per chain to find each asset's last one there. @default 50 */
export const CHAIN_HEALTH_ROUNDS = 50;

/** One asset on one chain: its last mined round there. */
export interface ChainAssetHealth {
  readonly asset: string;
  readonly round: string;
  readonly txHash: string | null;
  readonly blockNumber: number | null;
  /** Observation time the chain holds for the asset, ISO-8601. */
  readonly observedAt: string;
  /** now − observedAt, whole seconds. */
  readonly stalenessSeconds: number;
}

/** One target chain (docs/multi-chain.md): its newest round and what became of it, and each asset's last round there. */
export interface ChainHealth {
  readonly chain: string;
  readonly chainId: number;
  readonly oracleAddress: string;
  /** The chain's newest round (null: none yet) and its status: `pending` (in flight), `reverted`/`dropped` (failed). */
  readonly lastRound: string | null;
  readonly lastRoundStatus: PublicationStatus | null;
  readonly lastTxHash: string | null;
  readonly lastBlockNumber: number | null;
  readonly lastError: string | null;
  /** Per asset published there within the last CHAIN_HEALTH_ROUNDS rounds, by name. */
  readonly assets: ChainAssetHealth[];
}

/**
 * What one chain holds, from the store's publications of its contract: the newest round and its
 * status, and each asset's newest mined round within the last CHAIN_HEALTH_ROUNDS rounds.
 */
export async function chainHealthOf(
  context: ApiContext,
  chain: ReadChain,
  now: number,
): Promise<ChainHealth> {
  const rounds = await listRecentPublications(
    context.dynamo,
    context.tables,
    oracleKey(chain.chainId, chain.address),
    CHAIN_HEALTH_ROUNDS,
  );
  const assets = new Map<string, ChainAssetHealth>();
  for (const round of rounds) {
    if (round.status !== 'mined') continue;
    for (const { asset } of round.assets) {
      if (assets.has(asset)) continue;
      assets.set(asset, {
        asset,
        round: round.round,
        txHash: round.txHash ?? null,
        blockNumber: round.blockNumber ?? null,
        observedAt: toIso(round.observedAt * 1000) ?? '',
        stalenessSeconds: Math.max(0, Math.floor((now - round.observedAt * 1000) / 1000)),
      });
    }
  }
  const last = rounds[0];
  return {
    chain: chain.name,
    chainId: chain.chainId,
    oracleAddress: chain.address,
    lastRound: last?.round ?? null,
    lastRoundStatus: last?.status ?? null,
    lastTxHash: last?.txHash ?? null,
    lastBlockNumber: last?.blockNumber ?? null,
    lastError: last?.error ?? null,
    assets: [...assets.values()].sort((a, b) => a.asset.localeCompare(b.asset)),
  };
}
