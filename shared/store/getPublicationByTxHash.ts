import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { Publication } from './Publication.js';
import { publicationFromItem } from './publicationFromItem.js';

export async function getPublicationByTxHash(
  { doc }: DynamoClients,
  tables: TableNames,
  txHash: string,
): Promise<Publication | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.publications,
      IndexName: 'byTxHash',
      KeyConditionExpression: 'txHash = :txHash',
      ExpressionAttributeValues: { ':txHash': txHash.toLowerCase() },
    }),
  );
  const item = Items?.[0];
  return item === undefined ? undefined : publicationFromItem(item);
}
