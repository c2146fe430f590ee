import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertOutboxEntry } from './AlertOutboxEntry.js';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/**
 * Puts a dead-lettered alert back in the outbox, its failed channels pending again and its attempts
 * reset, in one transaction conditional on it still being a dead letter. The next monitor run
 * delivers it (same id: receivers that saw it before can tell). Returns false when it was not a
 * dead letter any more: nothing written.
 */
export async function redriveDeadLetter(
  { doc }: DynamoClients,
  tables: TableNames,
  entry: AlertOutboxEntry,
): Promise<boolean> {
  const { closedAt: _closedAt, lastError: _lastError, ...rest } = entry;
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tables.alerts,
              Key: { scope: ALERT_SCOPES.dead, key: entry.id },
              ConditionExpression: 'attribute_exists(#key)',
              ExpressionAttributeNames: { '#key': 'key' },
            },
          },
          {
            Put: {
              TableName: tables.alerts,
              Item: { scope: ALERT_SCOPES.outbox, key: entry.id, ...rest, attempts: {} },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
