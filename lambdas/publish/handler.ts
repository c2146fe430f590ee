import * as z from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { createStageHandler } from '../../shared/observability/createStageHandler.js';
import { logger } from '../../shared/observability/powertools.js';
import { createPublisherContext } from '../../shared/pipeline/publish/createPublisherContext.js';
import type { PublisherContext } from '../../shared/pipeline/publish/PublisherContext.js';
import { publishStage } from '../../shared/pipeline/publish/publishStage.js';
import { toPublishOutput } from '../../shared/pipeline/publish/toPublishOutput.js';

const env = readRuntimeEnv();
/** Chain clients and the KMS signer, built on the first invocation and kept warm. */
let base: Promise<PublisherContext> | undefined;

/**
 * publish: the single writer (reserved concurrency 1 + a DynamoDB lease). Never retried by Lambda
 * itself: the ledger makes a rerun finish what the previous one started instead of sending again.
 */
export const handler = createStageHandler({
  stage: 'publish',
  schema: z.object({
    startedAt: z.string().optional(),
    records: z.array(
      z.object({ asset: z.string().min(1), ts: z.number().int().positive(), publishDue: z.boolean() }),
    ),
  }),
  handler: async (event, lambda) => {
    // A failed build (SSM or the RPC list unreachable) is not kept: the next invocation tries again.
    base ??= createPublisherContext(env, lambda.awsRequestId).catch((error: unknown) => {
      base = undefined;
      throw error;
    });
    const result = await publishStage({ ...(await base), invocationId: lambda.awsRequestId }, event);
    logger.info('publish result', { status: result.status });
    return toPublishOutput(result);
  },
});
