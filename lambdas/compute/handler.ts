import * as z from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { createStageHandler } from '../../shared/observability/createStageHandler.js';
import { emitDegradedCycle } from '../../shared/observability/emitDegradedCycle.js';
import { logger } from '../../shared/observability/powertools.js';
import { computeStage } from '../../shared/pipeline/compute/computeStage.js';
import { crossAssetStage } from '../../shared/pipeline/crossAsset/crossAssetStage.js';
import { createPipelineContext } from '../../shared/pipeline/createPipelineContext.js';

/** Built once per cold start. */
const context = createPipelineContext(readRuntimeEnv());

const recordRef = z.object({
  asset: z.string().min(1),
  ts: z.number().int().positive(),
  publishDue: z.boolean(),
});
const assetEvent = z.object({ asset: z.string().min(1), ts: z.number().int().positive() });
const crossAssetEvent = z.object({ records: z.array(recordRef).min(1), startedAt: z.string().optional() });

/** An event with `records` is the cross-asset step's; any other is one asset's. Problems keep their paths. */
const computeEvent = z
  .unknown()
  .transform((event, ctx): z.output<typeof assetEvent> | z.output<typeof crossAssetEvent> => {
    const isCross = typeof event === 'object' && event !== null && 'records' in event;
    const parsed = (isCross ? crossAssetEvent : assetEvent).safeParse(event);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });

/**
 * compute, two events:
 * - `{ asset, ts }`: the pure engine on a stored snapshot → one risk record (written once);
 * - `{ records }`, after every asset: the cross-asset step (docs/cross-asset.md): the configured
 *   pairs from their legs' snapshots, and the cycle's correlations, stored; returns the records
 *   (assets then pairs) the publish step takes.
 */
export const handler = createStageHandler({
  stage: 'compute',
  schema: computeEvent,
  handler: async (event) => {
    if ('records' in event) {
      const result = await crossAssetStage(context, { records: event.records });
      for (const { collect } of result.pairs) if (collect.degraded) emitDegradedCycle(collect.asset);
      logger.info('cross-asset step', {
        pairs: result.pairs.map(({ compute }) => ({ pair: compute.asset, publishDue: compute.publishDue })),
        correlations: result.correlations.status,
      });
      return { records: result.records, correlations: result.correlations.status };
    }
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
