import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import { listAssetHeads } from '../../store/listAssetHeads.js';
import { queryRecordHistory } from '../../store/queryRecordHistory.js';
import type { ApiContext } from '../ApiContext.js';
import { chainHealthOf, type ChainHealth } from '../chainHealthOf.js';
import { requestedChains } from '../requestedChains.js';
import { toIso } from '../toIso.js';

/** `ok`: published within its heartbeat; `degraded`: last cycle degraded; `stale`: on-chain data too old or never published; `noData`: no cycle yet. */
export type AssetHealthStatus = 'ok' | 'degraded' | 'stale' | 'noData';

export interface AssetHealth {
  readonly asset: string;
  readonly status: AssetHealthStatus;
  readonly lastCycleAt: string | null;
  readonly degraded: boolean | null;
  readonly lastRound: string | null;
  readonly lastTxHash: string | null;
  /** Observation time of the parameters now on-chain, ISO-8601. */
  readonly lastPublishedObservationAt: string | null;
  /** now − lastPublishedObservationAt, whole seconds; null before the first publication. */
  readonly stalenessSeconds: number | null;
  /** Largest staleness still counted healthy: heartbeat + 2 cycle periods; null for unconfigured assets. */
  readonly maxStalenessSeconds: number | null;
}

export interface HealthResult {
  /** The worst asset status. */
  readonly status: AssetHealthStatus;
  readonly now: string;
  readonly assets: AssetHealth[];
  /** Every target chain (or the one `chain` names): its newest round and status, each asset's last round there. */
  readonly chains: ChainHealth[];
}

const SEVERITY: Record<AssetHealthStatus, number> = { ok: 0, degraded: 1, stale: 2, noData: 3 };

/**
 * `GET /v1/health`: per asset, how old the on-chain parameters are and how the last cycle went;
 * per target chain (docs/multi-chain.md), its newest round with its status and each asset's last
 * round there, so a chain that is down, lagging or failing shows on its own.
 * An asset is stale past heartbeat + 2 cycle periods: a heartbeat is due after `heartbeatSeconds`
 * and lands within the next cycle; one more cycle allows for a retried publication.
 */
export async function getHealth(context: ApiContext, chain?: string): Promise<HealthResult> {
  const now = context.now();
  const chains = requestedChains(context, chain);
  const heads = new Map(
    (await listAssetHeads(context.dynamo, context.tables)).map((head) => [head.asset, head]),
  );
  // Assets and pairs (docs/cross-asset.md), configured or with a head.
  const names = [...new Set([...riskIds(context.config), ...heads.keys()])].sort();
  // The last cycle is the newest record: the head does not move while a due publication is
  // pending or failed, but the cycles go on.
  const latest = new Map(
    await Promise.all(
      names.map(async (asset) => {
        const page = await queryRecordHistory(context.dynamo, context.tables, {
          asset,
          limit: 1,
          order: 'desc',
        });
        return [asset, page.items[0]] as const;
      }),
    ),
  );
  const assets = names.map((asset): AssetHealth => {
    const head = heads.get(asset);
    const last = latest.get(asset);
    const config = riskConfigOf(context.config, asset);
    const maxStalenessSeconds =
      config === undefined ? null : config.heartbeatSeconds + 2 * context.config.cyclePeriodSeconds;
    // What the contract holds: the batch's observation time (heads written before it was kept: the record hour).
    const publishedAt =
      head?.lastRound === undefined ? undefined : (head.lastObservedAt ?? head.state.publishedAt);
    const stalenessSeconds =
      publishedAt === undefined ? null : Math.max(0, Math.floor((now - publishedAt) / 1000));
    const degraded = last?.degraded ?? head?.degraded ?? null;
    let status: AssetHealthStatus = 'ok';
    if (head === undefined && last === undefined) status = 'noData';
    else if (
      stalenessSeconds === null ||
      (maxStalenessSeconds !== null && stalenessSeconds > maxStalenessSeconds)
    ) {
      status = 'stale';
    } else if (degraded === true) status = 'degraded';
    return {
      asset,
      status,
      lastCycleAt: toIso(last?.ts ?? head?.lastCycleTs),
      degraded,
      lastRound: head?.lastRound ?? null,
      lastTxHash: head?.lastTxHash ?? null,
      lastPublishedObservationAt: toIso(publishedAt),
      stalenessSeconds,
      maxStalenessSeconds,
    };
  });
  const status = assets.reduce<AssetHealthStatus>(
    (worst, a) => (SEVERITY[a.status] > SEVERITY[worst] ? a.status : worst),
    'ok',
  );
  return {
    status,
    now: new Date(now).toISOString(),
    assets,
    chains: await Promise.all(chains.map((c) => chainHealthOf(context, c, now))),
  };
}
