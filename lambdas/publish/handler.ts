import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { z } from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import type { PublisherContext } from '../../shared/pipeline/publish/PublisherContext.js';
import { publishStage } from '../../shared/pipeline/publish/publishStage.js';
import { logger, metrics, tracer } from '../../shared/observability/powertools.js';
import { validateEvent } from '../../shared/observability/validateEvent.js';
import { createPublisherContext } from '../../shared/pipeline/publish/createPublisherContext.js';

const env = readRuntimeEnv();
/** Chain clients and the KMS signer, built on the first invocation and kept warm. */
let base: Promise<PublisherContext> | undefined;

const eventSchema = z.object({
  startedAt: z.string().optional(),
  records: z.array(
    z.object({ asset: z.string().min(1), ts: z.number().int().positive(), publishDue: z.boolean() }),
  ),
});

/**
 * publish: the single writer (reserved concurrency 1 + a DynamoDB lease). Never retried by Lambda
 * itself: the ledger makes a rerun finish what the previous one started instead of sending again.
 */
export const handler = middy(async (event: z.infer<typeof eventSchema>, lambda: Context) => {
  // A failed build (SSM or the RPC list unreachable) is not kept: the next invocation tries again.
  base ??= createPublisherContext(env, lambda.awsRequestId).catch((error: unknown) => {
    base = undefined;
    throw error;
  });
  const context = { ...(await base), invocationId: lambda.awsRequestId };
  const result = await publishStage(context, event);
  logger.info('publish result', { status: result.status });
  if (result.status === 'busy' || result.status === 'nothing-due')
    return { status: result.status === 'busy' ? 'failed' : 'nothing-due' };
  if (result.status === 'mined') return { status: 'published', round: result.round, txHash: result.txHash };
  return { status: 'failed', round: result.round, ...('txHash' in result ? { txHash: result.txHash } : {}) };
})
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(validateEvent(eventSchema, 'publish'));
