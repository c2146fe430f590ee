import { HistoryQueryError } from '../../store/errors.js';
import { queryRecordHistory } from '../../store/queryRecordHistory.js';
import type { ApiContext } from '../ApiContext.js';
import { InvalidParameterError } from '../errors.js';
import type { HistoryQuery } from '../parameterSchemas.js';
import { requestedChains } from '../requestedChains.js';
import { requireKnownAsset } from '../requireKnownAsset.js';
import { toIso } from '../toIso.js';
import { toRecordSummary, type RecordSummary } from '../toRecordSummary.js';

export interface ParameterHistoryResult {
  readonly asset: string;
  /** The chains each item's `chains` reports: every target chain, or the one `chain` named. */
  readonly chains: readonly {
    readonly name: string;
    readonly chainId: number;
    readonly oracleAddress: string;
  }[];
  readonly from: string | null;
  readonly to: string | null;
  readonly limit: number;
  /** Oldest first. */
  readonly items: RecordSummary[];
  /** Pass as `cursor` (with the same asset, from and to) for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * `GET /v1/assets/{asset}/parameters`: one page of the asset's records with `from ≤ collectedAt ≤ to`,
 * each with its status on every target chain (or on the one `chain` names).
 */
export async function getParameterHistory(
  context: ApiContext,
  asset: string,
  query: HistoryQuery,
): Promise<ParameterHistoryResult> {
  await requireKnownAsset(context, asset);
  const chains = requestedChains(context, query.chain);
  try {
    const page = await queryRecordHistory(context.dynamo, context.tables, {
      asset,
      limit: query.limit,
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      chainIds: chains.map((c) => c.chainId),
    });
    return {
      asset,
      chains: chains.map(({ name, chainId, address }) => ({ name, chainId, oracleAddress: address })),
      from: toIso(query.from),
      to: toIso(query.to),
      limit: query.limit,
      items: page.items.map((item) => toRecordSummary(item, chains)),
      nextCursor: page.nextCursor ?? null,
    };
  } catch (error) {
    if (error instanceof HistoryQueryError)
      throw new InvalidParameterError(error.field, error.message, { cause: error });
    throw error;
  }
}
