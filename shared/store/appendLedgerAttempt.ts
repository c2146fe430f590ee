import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { LedgerAttempt } from './LedgerEntry.js';

/** Appends a replacement transaction (same nonce, higher fees) before it is broadcast. */
export async function appendLedgerAttempt(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { sender: string; nonce: number },
  attempt: LedgerAttempt,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.ledger,
      Key: key,
      UpdateExpression: 'SET attempts = list_append(attempts, :attempt), updatedAt = :now',
      ConditionExpression: '#status IN (:signed, :broadcast)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':attempt': [attempt],
        ':now': attempt.signedAt,
        ':signed': 'signed',
        ':broadcast': 'broadcast',
      },
    }),
  );
}
