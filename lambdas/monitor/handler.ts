import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { createStageHandler } from '../../shared/observability/createStageHandler.js';
import { BALLAST_METRICS } from '../../shared/observability/metricNames.js';
import { logger, metrics } from '../../shared/observability/powertools.js';
import { createSnsAlertPublisher } from '../../shared/positions/createSnsAlertPublisher.js';
import { createMonitorContext } from '../../shared/positions/monitor/createMonitorContext.js';
import type { MonitorContext } from '../../shared/positions/monitor/MonitorContext.js';
import { runMonitor } from '../../shared/positions/monitor/runMonitor.js';

const env = readRuntimeEnv();
/** Tables, the webhook (its HMAC key read from SSM) and the alerts topic, built on the first invocation. */
let context: Promise<MonitorContext> | undefined;

/**
 * monitor, after publish (docs/positions.md, "Alerts"): every position's health under the
 * parameters on-chain and the cycle's candidates, alert-state changes, and their delivery to the
 * webhook and the alerts SNS topic. Input: the publish step's `{ records }`. A rerun for the same
 * cycle sends nothing twice (the monitor's outbox). Emits the alert counts as metrics; a dead-lettered
 * alert alarms (runbook: docs/operations.md, "Position alerts dead-lettered").
 */
export const handler = createStageHandler({
  stage: 'monitor',
  schema: z.object({
    startedAt: z.string().optional(),
    records: z.array(z.object({ asset: z.string().min(1), ts: z.number().int().positive() })).min(1),
  }),
  handler: async (event) => {
    // A failed build (SSM unreachable, a bad webhook config) is not kept: the next cycle tries again.
    context ??= createMonitorContext(
      env,
      env.BALLAST_ALERTS_TOPIC_ARN === undefined
        ? {}
        : {
            topic: createSnsAlertPublisher({
              topicArn: env.BALLAST_ALERTS_TOPIC_ARN,
              endpoint: env.BALLAST_SNS_ENDPOINT,
            }),
          },
    ).catch((error: unknown) => {
      context = undefined;
      throw error;
    });
    const result = await runMonitor(await context, { records: event.records });
    metrics.addMetric(BALLAST_METRICS.alertTransitions, MetricUnit.Count, result.transitions);
    metrics.addMetric(BALLAST_METRICS.alertsDeadLettered, MetricUnit.Count, result.deadLettered);
    metrics.addMetric(BALLAST_METRICS.alertDeliveryFailures, MetricUnit.Count, result.failedAttempts);
    logger.info('monitor result', { ...result });
    // Small on purpose: it lands in the workflow's state (256 KB at most).
    const { cycleTs, positions, evaluated, unknown, states, transitions, delivered, deadLettered, pending } =
      result;
    return { cycleTs, positions, evaluated, unknown, states, transitions, delivered, deadLettered, pending };
  },
});
