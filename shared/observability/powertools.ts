import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { redactSecrets } from '../errors/redactSecrets.js';
import { BALLAST_METRICS_NAMESPACE } from './metricNames.js';

/** Service name when POWERTOOLS_SERVICE_NAME is unset (locally). @default "ballast" */
const DEFAULT_SERVICE_NAME = 'ballast';
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? DEFAULT_SERVICE_NAME;

/**
 * Logger, metrics and tracer, created once and imported from here by every handler and stage.
 * Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE
 * (set by the CDK stack); locally they default to "ballast" and BALLAST_METRICS_NAMESPACE.
 */
export const logger = new Logger({
  serviceName,
  // Every string of every log line passes the one redaction point (RPC URLs and their keys).
  jsonReplacerFn: (_key, value) => (typeof value === 'string' ? redactSecrets(value) : value),
});

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? BALLAST_METRICS_NAMESPACE,
  serviceName,
});

export const tracer = new Tracer({ serviceName });
