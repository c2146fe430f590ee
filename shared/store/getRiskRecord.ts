import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { TableNames } from './tables.js';
import type { RecordKey, StoredRiskRecord } from './StoredRiskRecord.js';
import { storedRiskRecordFromItem } from './storedRiskRecordFromItem.js';

/** Reads one record. */
export async function getRiskRecord(
  { doc }: DynamoClients,
  tables: TableNames,
  { asset, ts }: RecordKey,
): Promise<StoredRiskRecord> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.parameters, Key: { asset, ts }, ConsistentRead: true }),
  );
  if (Item === undefined)
    throw new StoredItemError(`no risk record for ${asset} at ${ts} in ${tables.parameters}`);
  return storedRiskRecordFromItem(Item);
}
