import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { checkpointFromItem } from './checkpointFromItem.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import type { TableNames } from './tables.js';

/** Every checkpoint of an asset, oldest first (all pages), as `ballast verify --deep` replays them. */
export async function* listCheckpoints(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
): AsyncGenerator<StoredCheckpoint> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tables.checkpoints,
        KeyConditionExpression: 'asset = :asset',
        ExpressionAttributeValues: { ':asset': asset },
        ConsistentRead: true,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) yield checkpointFromItem(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}
