import type { AlertMessage, AlertState } from './AlertMessage.js';

/** Where an alert goes: the signed webhook, and in AWS the alerts SNS topic. */
export type AlertChannel = 'webhook' | 'topic';

/** A position's current alert state (scope `state`, key = position id). */
export interface AlertStateItem {
  readonly position: string;
  readonly state: AlertState;
  /** Number of state changes so far: the next alert is `<position>#<seq + 1>`. */
  readonly seq: number;
  readonly hf: number | null;
  readonly hfNext: number | null;
  /** ms UTC of the cycle that set this state. */
  readonly cycleTs: number;
}

/** An alert waiting to be delivered (scope `outbox`), delivered (`sent`) or dead-lettered (`dead`). */
export interface AlertOutboxEntry {
  readonly id: string;
  readonly message: AlertMessage;
  /** Channels still to deliver to (outbox), or that failed (dead letter). */
  readonly pending: readonly AlertChannel[];
  /** Failed attempts so far, per channel. */
  readonly attempts: Readonly<Partial<Record<AlertChannel, number>>>;
  readonly lastError?: string;
  /** ms UTC: written to the outbox; delivered or dead-lettered (in `sent` / `dead`). */
  readonly createdAt: number;
  readonly closedAt?: number;
}
