import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BALLAST_METRICS } from './metricNames.js';
import { metrics } from './powertools.js';

/**
 * One `DegradedCycles` data point for an asset or a pair (`C/D`, degraded when a leg is), with
 * the dimension `Asset` the per-asset and per-pair alarms watch (infra/constructs/Monitoring.ts).
 */
export function emitDegradedCycle(id: string): void {
  const degraded = metrics.singleMetric();
  degraded.addDimension('Asset', id);
  degraded.addMetric(BALLAST_METRICS.degradedCycles, MetricUnit.Count, 1);
}
