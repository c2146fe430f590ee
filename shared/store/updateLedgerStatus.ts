import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setExpression } from './setExpression.js';
import type { TransactionOutcome } from './TransactionOutcome.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { LedgerStatus } from './LedgerEntry.js';

/** Moves an entry to a new status with its outcome fields. Final statuses are never changed. */
export async function updateLedgerStatus(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { sender: string; nonce: number },
  status: LedgerStatus,
  fields: TransactionOutcome & { now: number },
): Promise<void> {
  const { now, ...outcome } = fields;
  const { sets, names, values } = setExpression(
    { status, ...outcome },
    {
      sets: ['updatedAt = :now'],
      names: {},
      values: { ':now': now, ':signed': 'signed', ':broadcast': 'broadcast' },
    },
  );
  await doc.send(
    new UpdateCommand({
      TableName: tables.ledger,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status IN (:signed, :broadcast)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}
