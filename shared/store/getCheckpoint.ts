import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { checkpointFromItem } from './checkpointFromItem.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import type { TableNames } from './tables.js';

/**
 * The checkpoint of `asset` whose last candle opened at `hourTs` (what a record's provenance names).
 * @throws StoredItemError when it is not stored.
 */
export async function getCheckpoint(
  dynamo: DynamoClients,
  tables: TableNames,
  asset: string,
  hourTs: number,
): Promise<StoredCheckpoint> {
  const { Item } = await dynamo.doc.send(
    new GetCommand({ TableName: tables.checkpoints, Key: { asset, hourTs }, ConsistentRead: true }),
  );
  if (Item === undefined)
    throw new StoredItemError(
      `no checkpoint for ${asset} at ${new Date(hourTs).toISOString()} (${hourTs}) in ${tables.checkpoints}`,
    );
  return checkpointFromItem(dynamo, tables, Item);
}
