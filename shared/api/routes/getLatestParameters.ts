import type { RiskRecord } from '../../risk/types.js';
import { queryRecordHistory } from '../../store/queryRecordHistory.js';
import type { ApiContext } from '../ApiContext.js';
import { NotFoundError } from '../errors.js';
import { requestedChains } from '../requestedChains.js';
import { requireKnownAsset } from '../requireKnownAsset.js';
import { toRecordSummary, type RecordSummary } from '../toRecordSummary.js';

export interface LatestParametersResult extends RecordSummary {
  /** The whole record: intermediates, raw/target/candidate/published parameters, reasons, next state. */
  readonly record: RiskRecord;
}

/** `GET /v1/assets/{asset}/parameters/latest`: the asset's most recent risk record, with its status per chain. */
export async function getLatestParameters(
  context: ApiContext,
  asset: string,
  /** The `chain` query parameter: one chain's status instead of every chain's. */
  chain?: string,
): Promise<LatestParametersResult> {
  await requireKnownAsset(context, asset);
  const chains = requestedChains(context, chain);
  const { items } = await queryRecordHistory(context.dynamo, context.tables, {
    asset,
    limit: 1,
    order: 'desc',
    include: 'full',
  });
  const latest = items[0];
  if (latest?.record === undefined) {
    throw new NotFoundError(`asset "${asset}" has no risk record yet`, {
      field: 'asset',
      fix: 'wait for its first cycle, or run one with `ballast run --local`',
    });
  }
  return { ...toRecordSummary(latest, chains), record: latest.record };
}
