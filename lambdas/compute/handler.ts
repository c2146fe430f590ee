import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { z } from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { logger, metrics, tracer } from '../../shared/observability/powertools.js';
import { validateEvent } from '../../shared/observability/validateEvent.js';
import { computeStage } from '../../shared/pipeline/compute/computeStage.js';
import { createPipelineContext } from '../../shared/pipeline/createPipelineContext.js';

const context = createPipelineContext(readRuntimeEnv());

const eventSchema = z.object({ asset: z.string().min(1), ts: z.number().int().positive() });

/** compute: the pure engine on a stored snapshot → one risk record (written once). */
export const handler = middy(async (event: z.infer<typeof eventSchema>) => {
  const result = await computeStage(context, event);
  logger.info('risk record', {
    asset: result.asset,
    publishDue: result.publishDue,
    candidate: result.record.candidate,
    reasons: result.record.reasons.length,
  });
  return { asset: result.asset, ts: result.ts, publishDue: result.publishDue };
})
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(validateEvent(eventSchema, 'compute'));
