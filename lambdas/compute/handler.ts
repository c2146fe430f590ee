import { z } from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { createStageHandler } from '../../shared/observability/createStageHandler.js';
import { logger } from '../../shared/observability/powertools.js';
import { computeStage } from '../../shared/pipeline/compute/computeStage.js';
import { createPipelineContext } from '../../shared/pipeline/createPipelineContext.js';

/** Built once per cold start. */
const context = createPipelineContext(readRuntimeEnv());

/** compute: the pure engine on a stored snapshot → one risk record (written once). */
export const handler = createStageHandler({
  stage: 'compute',
  schema: z.object({ asset: z.string().min(1), ts: z.number().int().positive() }),
  handler: async (event) => {
    const result = await computeStage(context, event);
    logger.info('risk record', {
      asset: result.asset,
      publishDue: result.publishDue,
      candidate: result.record.candidate,
      reasons: result.record.reasons.length,
    });
    return { asset: result.asset, ts: result.ts, publishDue: result.publishDue };
  },
});
