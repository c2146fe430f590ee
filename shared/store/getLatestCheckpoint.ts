import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { checkpointFromItem } from './checkpointFromItem.js';
import type { DynamoClients } from './createDynamoClients.js';
import { processChunkCache } from './processChunkCache.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import type { TableNames } from './tables.js';

/** The asset's newest checkpoint whose last candle opened before `beforeTs` (ms UTC), or undefined. */
export async function getLatestCheckpoint(
  dynamo: DynamoClients,
  tables: TableNames,
  asset: string,
  beforeTs: number,
): Promise<StoredCheckpoint | undefined> {
  const { Items } = await dynamo.doc.send(
    new QueryCommand({
      TableName: tables.checkpoints,
      KeyConditionExpression: 'asset = :asset AND hourTs < :before',
      ExpressionAttributeValues: { ':asset': asset, ':before': beforeTs },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  // The process's chunk cache: a warm compute reads only the chunks sealed since its last cycle.
  return item === undefined ? undefined : checkpointFromItem(dynamo, tables, item, processChunkCache);
}
