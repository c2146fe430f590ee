import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { createStageHandler } from '../../shared/observability/createStageHandler.js';
import { BALLAST_METRICS } from '../../shared/observability/metricNames.js';
import { logger, metrics } from '../../shared/observability/powertools.js';
import { createIndexerContext, type IndexerContext } from '../../shared/positions/createIndexerContext.js';
import { PositionsIndexerError } from '../../shared/positions/errors.js';
import { indexMarkets } from '../../shared/positions/indexMarkets.js';

const env = readRuntimeEnv();
/** Markets, RPC clients and DynamoDB clients, built on the first invocation and kept warm. */
let context: Promise<IndexerContext> | undefined;

/**
 * The positions indexer, on its own schedule (not part of the cycle): follows every configured
 * market's events until each is at the head less its confirmations, or until the function's time
 * is nearly up (docs/positions.md). Emits IndexerLagBlocks per market; fails (and so alarms) when a
 * market could not be indexed, after the others were.
 */
export const handler = createStageHandler({
  stage: 'indexer',
  // The schedule sends `{}`; nothing in the event is read.
  schema: z.object({}),
  handler: async (_event, lambda) => {
    // A failed build (bad markets config, SSM unreachable) is not kept: the next run tries again.
    context ??= createIndexerContext(env).catch((error: unknown) => {
      context = undefined;
      throw error;
    });
    const { markets, dynamo, tables } = await context;
    const outcomes = await indexMarkets({
      markets,
      doc: dynamo.doc,
      tableName: tables.positions,
      remainingMs: () => lambda.getRemainingTimeInMillis(),
    });
    for (const outcome of outcomes) {
      if (outcome.lagBlocks !== undefined) {
        const lag = metrics.singleMetric();
        lag.addDimension('Market', outcome.market);
        lag.addMetric(BALLAST_METRICS.indexerLag, MetricUnit.Count, outcome.lagBlocks);
      }
      const { error, ...fields } = outcome;
      if (error === undefined) logger.info('market indexed', fields);
      else logger.error('market not indexed', { ...fields, error });
    }
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length > 0) {
      throw new PositionsIndexerError(
        `${failed.length} of ${outcomes.length} markets could not be indexed: ${failed
          .map((o) => `${o.market}: ${(o.error?.message ?? 'unknown error').split('\n')[0]}`)
          .join('; ')}`,
        {
          cause: failed[0]?.error,
          fix: 'see the market\'s error in the log; the next scheduled run resumes from its cursor (docs/operations.md, "Positions indexer lag")',
        },
      );
    }
    return { markets: outcomes.map(({ error: _error, ...fields }) => fields) };
  },
});
