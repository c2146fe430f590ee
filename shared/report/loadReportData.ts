import { parsePairId } from '../config/parsePairId.js';
import { listAssetHeads } from '../store/listAssetHeads.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import { queryRecordHistory } from '../store/queryRecordHistory.js';
import type { TableNames } from '../store/tables.js';
import { getLatestCandles } from '../store/getLatestCandles.js';
import { computeCorrelations } from '../risk/crossAsset/computeCorrelations.js';
import { listPublications } from '../store/listPublications.js';
import { listRecentPublications } from '../store/listRecentPublications.js';
import { oracleKey } from '../store/oracleKey.js';
import { recordChainStatus } from '../store/recordChainStatus.js';
import type { ReportAsset, ReportChain, ReportData, ReportRecord, ReportRoundImpact } from './ReportData.js';

export interface LoadReportDataParams {
  /** Assets to include; default every configured asset and every asset with a head. */
  readonly assets?: readonly string[];
  readonly configured: readonly string[];
  /** Inclusive collection-time window, ms UTC. */
  readonly from?: number;
  readonly to?: number;
  readonly now: number;
  readonly source: string;
  /** `oracleKey(chainId, address)` of the oracle whose rounds' impacts the report lists. */
  readonly oracle?: string;
  /** Target chains whose per-chain status the report shows (docs/multi-chain.md). @default [] */
  readonly chains?: readonly { readonly name: string; readonly chainId: number; readonly address: string }[];
}

/** Reads every record of the report's assets and window from DynamoDB (pages of 1,000). */
export async function loadReportData(
  dynamo: DynamoClients,
  tables: TableNames,
  params: LoadReportDataParams,
): Promise<ReportData> {
  const { from, to, now, source, configured, chains = [] } = params;
  const names =
    params.assets ??
    [...new Set([...configured, ...(await listAssetHeads(dynamo, tables)).map((head) => head.asset)])].sort();
  const assets: ReportAsset[] = [];
  for (const asset of names) {
    const records: ReportRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryRecordHistory(dynamo, tables, {
        asset,
        limit: 1_000,
        include: 'full',
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const item of page.items) {
        const record = item.record;
        if (record === undefined) continue;
        records.push({
          ts: item.ts,
          asOf: record.asOf,
          modelVersion: record.modelVersion,
          candidate: record.candidate,
          target: record.target,
          degraded: record.flags.degraded,
          frozen: record.flags.frozen,
          publishDue: record.publish.due,
          publishReason: record.publish.reason,
          round: item.round ?? null,
          txHash: item.txHash ?? null,
          chains: chains.map((chain) => recordChainStatus(item, chain)),
          reasons: record.reasons,
        });
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    assets.push({ asset, configured: configured.includes(asset), records });
  }
  const { candles } = await getLatestCandles(
    dynamo,
    tables,
    // Correlations are between assets; a pair (docs/cross-asset.md §2) is a ratio of two of them.
    assets.filter((a) => a.records.length > 0 && parsePairId(a.asset) === undefined).map((a) => a.asset),
  );
  const correlations = Object.keys(candles).length >= 2 ? computeCorrelations({ candles }) : null;
  let impacts: ReportRoundImpact[] | undefined;
  if (params.oracle !== undefined) {
    impacts = [];
    for (const publication of await listPublications(dynamo, tables, params.oracle)) {
      if (publication.impact === undefined) continue;
      if (from !== undefined && publication.createdAt < from) continue;
      if (to !== undefined && publication.createdAt > to) continue;
      impacts.push({
        round: publication.round,
        createdAt: publication.createdAt,
        impact: publication.impact,
      });
    }
  }
  const reportChains: ReportChain[] = await Promise.all(
    chains.map(async (chain) => {
      const [last] = await listRecentPublications(dynamo, tables, oracleKey(chain.chainId, chain.address), 1);
      return {
        name: chain.name,
        chainId: chain.chainId,
        lastRound: last?.round ?? null,
        lastRoundStatus: last?.status ?? null,
        lastTxHash: last?.txHash ?? null,
        lastBlockNumber: last?.blockNumber ?? null,
        lastError: last?.error ?? null,
      };
    }),
  );
  return {
    generatedAt: now,
    from: from ?? null,
    to: to ?? null,
    source,
    assets,
    correlations,
    ...(impacts === undefined ? {} : { impacts }),
    ...(reportChains.length === 0 ? {} : { chains: reportChains }),
  };
}
