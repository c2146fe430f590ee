import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import { listAssetHeads } from '../../store/listAssetHeads.js';
import type { ApiContext } from '../ApiContext.js';
import { toIso } from '../toIso.js';

export interface AssetSummary {
  readonly asset: string;
  /** In the stage's assets config (false: only history remains). */
  readonly configured: boolean;
  /** Collection time of the last cycle, ISO-8601; null before the first cycle. */
  readonly lastCycleAt: string | null;
  readonly degraded: boolean | null;
  /** What is on-chain after the last publication; null before the first. */
  readonly onChain: {
    readonly round: string;
    readonly txHash: string | null;
    readonly observedAt: string;
    readonly volIndexBps: number;
    readonly ltvBps: number;
    readonly ltBps: number;
    readonly lbBps: number;
  } | null;
}

export interface ListAssetsResult {
  readonly assets: AssetSummary[];
}

/** `GET /v1/assets`: configured assets and every asset with a head, by name. */
export async function listAssets(context: ApiContext): Promise<ListAssetsResult> {
  const heads = new Map(
    (await listAssetHeads(context.dynamo, context.tables)).map((head) => [head.asset, head]),
  );
  // Assets and pairs (docs/cross-asset.md), configured or with a head.
  const names = [...new Set([...riskIds(context.config), ...heads.keys()])].sort();
  return {
    assets: names.map((asset) => {
      const head = heads.get(asset);
      return {
        asset,
        configured: riskConfigOf(context.config, asset) !== undefined,
        lastCycleAt: toIso(head?.lastCycleTs),
        degraded: head?.degraded ?? null,
        onChain:
          head?.lastRound === undefined
            ? null
            : {
                round: head.lastRound,
                txHash: head.lastTxHash ?? null,
                observedAt: toIso(head.state.publishedAt) ?? '',
                volIndexBps: head.state.volIndexBps,
                ltvBps: head.state.ltvBps,
                ltBps: head.state.ltBps,
                lbBps: head.state.lbBps,
              },
      };
    }),
  };
}
