import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** Open time of the last candle of the asset's newest checkpoint before `beforeTs` (ms UTC), of any chain; undefined: none. Reads the key only. */
export async function getLatestCheckpointHour(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
  beforeTs: number,
): Promise<number | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.checkpoints,
      KeyConditionExpression: 'asset = :asset AND hourTs < :before',
      ExpressionAttributeValues: { ':asset': asset, ':before': beforeTs },
      ProjectionExpression: 'hourTs',
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return Items?.[0]?.hourTs as number | undefined;
}
