import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BALLAST_METRICS } from '../../observability/metricNames.js';
import { logger, metrics } from '../../observability/powertools.js';
import { setRecordPublishError } from '../../store/setRecordPublishError.js';
import { buildBatch, type BuildBatchParams, type BuiltBatch } from './buildBatch.js';
import type { DueRecord } from './loadDueRecords.js';
import type { PublisherContext } from './PublisherContext.js';

/** An asset the oracle refused (estimateGas reverted naming it): recorded on its record, not sent. */
export interface RejectedAsset {
  readonly asset: string;
  readonly error: string;
}

export type BuildAcceptedBatchResult =
  | {
      readonly kind: 'built';
      readonly built: BuiltBatch;
      /** The records in the batch: those the oracle accepts. */
      readonly records: readonly DueRecord[];
      readonly rejected: readonly RejectedAsset[];
    }
  /** Nothing to single out: the whole batch is refused (e.g. a stale observation). */
  | {
      readonly kind: 'rejected';
      readonly error: string;
      /** The assets of the refused batch. */
      readonly assets: readonly string[];
      /** Every asset refused in this step, with its reason. */
      readonly rejected: readonly RejectedAsset[];
    };

/**
 * Builds and signs the batch the oracle accepts. An asset the contract refuses (estimateGas
 * reverts naming it, e.g. out of its guardrails) is recorded as rejected on its record and the
 * rest is batched and signed again without it; a refusal naming no asset rejects the batch.
 */
export async function buildAcceptedBatch(
  context: PublisherContext,
  params: BuildBatchParams,
): Promise<BuildAcceptedBatchResult> {
  const round = params.round.toString();
  const rejected: RejectedAsset[] = [];
  let records = params.records;
  for (;;) {
    const attempt = await buildBatch(context, { ...params, records });
    if (attempt.kind === 'built') return { kind: 'built', built: attempt, records, rejected };
    const culprit = attempt.asset === undefined ? undefined : records.find((r) => r.asset === attempt.asset);
    if (culprit === undefined || records.length === 1) {
      logger.error('the oracle refused the batch; nothing was sent', { round, reason: attempt.reason });
      metrics.addMetric(BALLAST_METRICS.publishFailures, MetricUnit.Count, 1);
      await Promise.all(
        records.map((r) =>
          setRecordPublishError(context.dynamo, context.tables, r, attempt.reason, context.rpc.chainId),
        ),
      );
      return {
        kind: 'rejected',
        error: attempt.reason,
        assets: records.map((r) => r.asset),
        rejected: [...rejected, ...records.map((r) => ({ asset: r.asset, error: attempt.reason }))],
      };
    }
    // One asset out of its on-chain guardrails must not hold the others back.
    logger.error('the oracle refused one asset; publishing the rest without it', {
      round,
      asset: culprit.asset,
      reason: attempt.reason,
    });
    metrics.addMetric(BALLAST_METRICS.publishFailures, MetricUnit.Count, 1);
    await setRecordPublishError(context.dynamo, context.tables, culprit, attempt.reason, context.rpc.chainId);
    rejected.push({ asset: culprit.asset, error: attempt.reason });
    records = records.filter((r) => r !== culprit);
  }
}
