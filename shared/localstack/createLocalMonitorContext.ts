import type { MonitorContext, AlertWebhook } from '../positions/monitor/MonitorContext.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import type { TableNames } from '../store/tables.js';

export interface CreateLocalMonitorContextParams {
  /** The local stack's clients and tables (the publisher context's). */
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
  /** Where `run --local --alert-webhook URL` sends alerts; absent: alerts are only recorded. */
  readonly webhook?: AlertWebhook;
}

/**
 * The monitor's context on the local stack: the stack's DynamoDB, the wall clock, real backoff
 * waits, the webhook when one is given, and no topic (SNS exists only in AWS).
 */
export function createLocalMonitorContext({
  dynamo,
  tables,
  webhook,
}: CreateLocalMonitorContextParams): MonitorContext {
  return {
    dynamo,
    tables,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(webhook === undefined ? {} : { webhook }),
  };
}
