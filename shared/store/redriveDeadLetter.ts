import type { AlertOutboxEntry } from './AlertOutboxEntry.js';
import type { DynamoClients } from './createDynamoClients.js';
import { moveAlertEntry } from './moveAlertEntry.js';
import type { TableNames } from './tables.js';

/**
 * Puts a dead-lettered alert back in the outbox, its failed channels pending again and its attempts
 * reset, in one transaction conditional on it still being a dead letter. The next monitor run
 * delivers it (same id: receivers that saw it before can tell). Returns false when it was not a
 * dead letter any more: nothing written.
 */
export async function redriveDeadLetter(
  dynamo: DynamoClients,
  tables: TableNames,
  entry: AlertOutboxEntry,
): Promise<boolean> {
  const { closedAt: _closedAt, lastError: _lastError, ...rest } = entry;
  return moveAlertEntry(dynamo, tables, {
    id: entry.id,
    from: 'dead',
    to: 'outbox',
    item: { ...rest, attempts: {} },
  });
}
