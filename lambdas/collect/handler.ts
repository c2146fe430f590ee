import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { logger, metrics, tracer } from '../../shared/observability/powertools.js';
import { validateEvent } from '../../shared/observability/validateEvent.js';
import { collectStage } from '../../shared/pipeline/collect/collectStage.js';
import { createPipelineContext } from '../../shared/pipeline/createPipelineContext.js';

/** Built once per cold start. */
const context = createPipelineContext(readRuntimeEnv());

const eventSchema = z.object({ asset: z.string().min(1), startedAt: z.string().optional() });

/** collect: one asset's venues → snapshot in DynamoDB. Input and output: LAMBDA contract in docs/architecture.md. */
export const handler = middy(async (event: z.infer<typeof eventSchema>) => {
  const result = await collectStage(context, { asset: event.asset });
  if (result.degraded) {
    const degraded = metrics.singleMetric();
    degraded.addDimension('Asset', result.asset);
    degraded.addMetric('DegradedCycles', MetricUnit.Count, 1);
  }
  for (const venue of result.venues)
    if (!venue.ok) logger.warn('venue excluded', { asset: result.asset, ...venue });
  return { asset: result.asset, ts: result.ts, degraded: result.degraded };
})
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(validateEvent(eventSchema, 'collect'));
