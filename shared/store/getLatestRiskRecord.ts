import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { StoredRiskRecord } from './StoredRiskRecord.js';
import { storedRiskRecordFromItem } from './storedRiskRecordFromItem.js';

/** The most recent record of an asset, or undefined when it has none. */
export async function getLatestRiskRecord(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
): Promise<StoredRiskRecord | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.parameters,
      KeyConditionExpression: 'asset = :asset',
      ExpressionAttributeValues: { ':asset': asset },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item === undefined ? undefined : storedRiskRecordFromItem(item);
}
