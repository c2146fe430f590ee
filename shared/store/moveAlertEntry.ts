import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

export interface MoveAlertEntryParams {
  /** The alert's id: its sort key in every scope. */
  readonly id: string;
  readonly from: keyof typeof ALERT_SCOPES;
  readonly to: keyof typeof ALERT_SCOPES;
  /** The attributes it has in `to` (besides its key). */
  readonly item: Record<string, unknown>;
}

/**
 * Moves an alert entry from one scope of the alerts table to another in one transaction,
 * conditional on it still being in `from`. Returns false when it was not (another run moved it):
 * nothing written.
 */
export async function moveAlertEntry(
  { doc }: DynamoClients,
  tables: TableNames,
  { id, from, to, item }: MoveAlertEntryParams,
): Promise<boolean> {
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tables.alerts,
              Key: { scope: ALERT_SCOPES[from], key: id },
              ConditionExpression: 'attribute_exists(#key)',
              ExpressionAttributeNames: { '#key': 'key' },
            },
          },
          { Put: { TableName: tables.alerts, Item: { ...item, scope: ALERT_SCOPES[to], key: id } } },
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
