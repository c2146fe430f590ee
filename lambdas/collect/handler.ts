import * as z from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { createStageHandler } from '../../shared/observability/createStageHandler.js';
import { emitDegradedCycle } from '../../shared/observability/emitDegradedCycle.js';
import { logger } from '../../shared/observability/powertools.js';
import { collectStage } from '../../shared/pipeline/collect/collectStage.js';
import { createPipelineContext } from '../../shared/pipeline/createPipelineContext.js';

/** Built once per cold start. */
const context = createPipelineContext(readRuntimeEnv());

/** collect: one asset's venues → snapshot in DynamoDB. Input and output: docs/architecture.md (Stage contract). */
export const handler = createStageHandler({
  stage: 'collect',
  schema: z.object({ asset: z.string().min(1), startedAt: z.string().optional() }),
  handler: async (event) => {
    const result = await collectStage(context, { asset: event.asset });
    if (result.degraded) emitDegradedCycle(result.asset);
    for (const venue of result.venues)
      if (!venue.ok) logger.warn('venue excluded', { asset: result.asset, ...venue });
    return { asset: result.asset, ts: result.ts, degraded: result.degraded };
  },
});
