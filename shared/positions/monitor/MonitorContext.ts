import type { AlertMessage } from '../../store/AlertMessage.js';
import type { DynamoClients } from '../../store/createDynamoClients.js';
import type { TableNames } from '../../store/tables.js';

/** A position is near the edge when min(HF, HF next) < its alert level + this margin. @default 0.15 */
export const DEFAULT_NEAR_EDGE_MARGIN = 0.15;
/** Near-edge positions stored per cycle (lowest HF first); one item stays under 400 KB. @default 1_000 */
export const DEFAULT_MAX_NEAR_EDGE_STORED = 1_000;
/** Delivery attempts per channel and alert before it is dead-lettered. @default 5 */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** First backoff wait after a failed attempt, ms; doubled after each further failure. @default 1_000 */
export const DEFAULT_BACKOFF_BASE_MS = 1_000;
/** Longest backoff wait, ms. @default 30_000 */
export const DEFAULT_BACKOFF_MAX_MS = 30_000;
/** A webhook request that has not answered after this long counts as a failed attempt, ms. @default 10_000 */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The run stops starting state changes and deliveries when less than this is left of its time
 * (`remainingMs`), ms; what is left waits for the next run. @default 30_000
 */
export const DEFAULT_TIME_RESERVE_MS = 30_000;

/** Tuning of the monitor; every field has the default above. */
export interface MonitorOptions {
  readonly nearEdgeMargin: number;
  readonly maxNearEdgeStored: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly webhookTimeoutMs: number;
  readonly timeReserveMs: number;
}

export const DEFAULT_MONITOR_OPTIONS: MonitorOptions = {
  nearEdgeMargin: DEFAULT_NEAR_EDGE_MARGIN,
  maxNearEdgeStored: DEFAULT_MAX_NEAR_EDGE_STORED,
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  backoffBaseMs: DEFAULT_BACKOFF_BASE_MS,
  backoffMaxMs: DEFAULT_BACKOFF_MAX_MS,
  webhookTimeoutMs: DEFAULT_WEBHOOK_TIMEOUT_MS,
  timeReserveMs: DEFAULT_TIME_RESERVE_MS,
};

/**
 * Where alerts go besides the webhook: in AWS the alerts SNS topic (lambdas/monitor wires it);
 * not used locally. `publish` throws on failure: the monitor retries with backoff, then
 * dead-letters. `alert.id` is the idempotency key.
 */
export interface AlertPublisher {
  publish(alert: AlertMessage): Promise<void>;
}

/** The webhook every alert is POSTed to, signed with `secret` (HMAC-SHA256, docs/positions.md). */
export interface AlertWebhook {
  readonly url: string;
  readonly secret: string;
}

/** What the monitor needs, built once per process (Lambda cold start, or the local runner). */
export interface MonitorContext {
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
  /** Wall clock, ms: alert times and the signature timestamp. */
  readonly now: () => number;
  /** Waits between delivery attempts (tests pass one that records the waits and returns at once). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Absent: no webhook channel (alerts are still recorded). */
  readonly webhook?: AlertWebhook;
  /** Absent: no topic channel (locally). */
  readonly topic?: AlertPublisher;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  readonly options?: Partial<MonitorOptions>;
  /**
   * Time left for the run, ms (in a Lambda: `getRemainingTimeInMillis`). Absent: no limit. Below
   * `timeReserveMs` the run writes no more state changes and starts no more deliveries.
   */
  readonly remainingMs?: () => number;
  /**
   * Called after each DynamoDB write of the run with the count so far; tests throw from it to kill
   * the monitor mid-run.
   */
  readonly afterWrite?: (writes: number) => void;
}
