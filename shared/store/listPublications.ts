import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { Publication } from './Publication.js';
import { publicationFromItem } from './publicationFromItem.js';

/** Every round of an oracle, in round order (paginated internally). */
export async function listPublications(
  { doc }: DynamoClients,
  tables: TableNames,
  oracle: string,
): Promise<Publication[]> {
  const all: Publication[] = [];
  const query = {
    TableName: tables.publications,
    KeyConditionExpression: 'oracle = :oracle',
    ExpressionAttributeValues: { ':oracle': oracle },
  };
  for await (const page of paginateQuery({ client: doc }, query))
    all.push(...(page.Items ?? []).map(publicationFromItem));
  return all;
}
