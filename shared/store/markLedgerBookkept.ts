import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/**
 * Marks a final ledger entry as fully recorded (publication, records' marks, asset heads): the
 * publisher's repair step stops at the newest such entry. Only a final entry can be marked.
 */
export async function markLedgerBookkept(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { readonly sender: string; readonly nonce: number },
  now: number,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.ledger,
      Key: key,
      UpdateExpression: 'SET bookkept = :true, updatedAt = :now',
      ConditionExpression: '#status IN (:mined, :reverted, :dropped)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':true': true,
        ':now': now,
        ':mined': 'mined',
        ':reverted': 'reverted',
        ':dropped': 'dropped',
      },
    }),
  );
}
