import type { RiskRecord } from '../../risk/types.js';
import { queryRecordHistory } from '../../store/queryRecordHistory.js';
import type { ApiContext } from '../ApiContext.js';
import { NotFoundError } from '../errors.js';
import { requireKnownAsset } from '../requireKnownAsset.js';
import { toRecordSummary, type RecordSummary } from '../toRecordSummary.js';

export interface LatestParametersResult extends RecordSummary {
  /** The whole record: intermediates, raw/target/candidate/published parameters, reasons, next state. */
  readonly record: RiskRecord;
}

/** `GET /v1/assets/{asset}/parameters/latest`: the asset's most recent risk record. */
export async function getLatestParameters(
  context: ApiContext,
  asset: string,
): Promise<LatestParametersResult> {
  await requireKnownAsset(context, asset);
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
  return { ...toRecordSummary(latest), record: latest.record };
}
