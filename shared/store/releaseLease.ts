import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** Releases a lease we hold; a lease taken over by someone else (ours expired) is left alone. */
export async function releaseLease(
  { doc }: DynamoClients,
  tables: TableNames,
  name: string,
  owner: string,
): Promise<void> {
  try {
    await doc.send(
      new DeleteCommand({
        TableName: tables.leases,
        Key: { name },
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
