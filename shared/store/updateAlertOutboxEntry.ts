import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertChannel, AlertOutboxEntry } from './AlertOutboxEntry.js';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

export interface UpdateAlertOutboxEntryParams {
  readonly id: string;
  readonly pending: readonly AlertChannel[];
  readonly attempts: AlertOutboxEntry['attempts'];
  readonly lastError?: string;
}

/**
 * Records progress on an alert still in the outbox (a channel delivered, a failed attempt).
 * Returns false when the alert is no longer in the outbox (another run closed it): nothing written.
 */
export async function updateAlertOutboxEntry(
  { doc }: DynamoClients,
  tables: TableNames,
  { id, pending, attempts, lastError }: UpdateAlertOutboxEntryParams,
): Promise<boolean> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tables.alerts,
        Key: { scope: ALERT_SCOPES.outbox, key: id },
        UpdateExpression:
          lastError === undefined
            ? 'SET pending = :pending, attempts = :attempts'
            : 'SET pending = :pending, attempts = :attempts, lastError = :error',
        ConditionExpression: 'attribute_exists(#key)',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: {
          ':pending': [...pending],
          ':attempts': attempts,
          ...(lastError === undefined ? {} : { ':error': lastError }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
