import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { Publication } from './Publication.js';
import { publicationFromItem } from './publicationFromItem.js';

/** The newest `limit` rounds of an oracle (one chain's contract), newest first. */
export async function listRecentPublications(
  { doc }: DynamoClients,
  tables: TableNames,
  oracle: string,
  limit: number,
): Promise<Publication[]> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.publications,
      KeyConditionExpression: 'oracle = :oracle',
      ExpressionAttributeValues: { ':oracle': oracle },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map(publicationFromItem);
}
