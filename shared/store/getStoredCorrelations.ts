import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CorrelationsResult } from '../risk/crossAsset/computeCorrelations.js';
import type { DynamoClients } from './createDynamoClients.js';
import { readJsonAttribute } from './readJsonAttribute.js';
import { CORRELATIONS_SCOPE, type StoredCorrelations } from './StoredCorrelations.js';
import type { TableNames } from './tables.js';

/**
 * The correlations of the latest cycle at or before `at` (ms UTC; absent: the latest cycle), or
 * undefined when no cycle stored any by then.
 */
export async function getStoredCorrelations(
  { doc }: DynamoClients,
  tables: TableNames,
  at?: number,
): Promise<StoredCorrelations | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.correlations,
      KeyConditionExpression: at === undefined ? '#scope = :scope' : '#scope = :scope AND #ts <= :at',
      ExpressionAttributeNames: { '#scope': 'scope', ...(at === undefined ? {} : { '#ts': 'ts' }) },
      ExpressionAttributeValues: { ':scope': CORRELATIONS_SCOPE, ...(at === undefined ? {} : { ':at': at }) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  if (item === undefined) return undefined;
  return {
    ts: item.ts as number,
    result: readJsonAttribute(item, 'result') as CorrelationsResult,
    snapshots: JSON.parse(item.snapshots as string) as StoredCorrelations['snapshots'],
  };
}
