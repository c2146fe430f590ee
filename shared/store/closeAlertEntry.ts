import type { AlertOutboxEntry } from './AlertOutboxEntry.js';
import type { DynamoClients } from './createDynamoClients.js';
import { moveAlertEntry } from './moveAlertEntry.js';
import type { TableNames } from './tables.js';

/** How long a delivered alert is kept (then DynamoDB's TTL removes it), days. @default 30 */
export const DEFAULT_SENT_RETENTION_DAYS = 30;

export interface CloseAlertEntryParams {
  /** The entry as it leaves the outbox: `pending` empty when delivered, the failed channels when dead. */
  readonly entry: AlertOutboxEntry;
  readonly to: 'sent' | 'dead';
  /** ms UTC. */
  readonly now: number;
}

/**
 * Moves an alert out of the outbox, to `sent` (delivered everywhere; expires after
 * DEFAULT_SENT_RETENTION_DAYS) or to `dead` (an operator lists and redrives it), in one
 * transaction conditional on it still being in the outbox. Returns false when it was not (another
 * run closed it): nothing written.
 */
export async function closeAlertEntry(
  dynamo: DynamoClients,
  tables: TableNames,
  { entry, to, now }: CloseAlertEntryParams,
): Promise<boolean> {
  const expires =
    to === 'sent' ? { expiresAt: Math.floor(now / 1000) + DEFAULT_SENT_RETENTION_DAYS * 86_400 } : {};
  return moveAlertEntry(dynamo, tables, {
    id: entry.id,
    from: 'outbox',
    to,
    item: { ...entry, closedAt: now, ...expires },
  });
}
