import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Candle } from '../core/types.js';
import { checkpointFromItem } from './checkpointFromItem.js';
import type { ChunkCache } from './assembleCheckpointState.js';
import { StoredItemError } from './errors.js';
import { listCandles } from './listCandles.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import type { TableNames } from './tables.js';

/**
 * Every checkpoint of an asset, oldest first (all pages), as `ballast verify --deep` replays them:
 * each with its link's candles (read back from the candle table for links that reference them).
 * @throws StoredItemError when a link's candles are not all stored.
 */
export async function* listCheckpoints(
  dynamo: DynamoClients,
  tables: TableNames,
  asset: string,
): AsyncGenerator<StoredCheckpoint & { readonly candles: readonly Candle[] }> {
  const { doc } = dynamo;
  // Chunks never change: read each once for the whole chain.
  const chunks: ChunkCache = new Map();
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
    for (const item of page.Items ?? []) {
      const link = await checkpointFromItem(dynamo, tables, item, chunks);
      if (link.candles !== undefined) {
        yield { ...link, candles: link.candles };
        continue;
      }
      const candles = await listCandles(dynamo, tables, asset, link.candlesFromTs, link.hourTs);
      if (candles.length !== link.candleCount)
        throw new StoredItemError(
          `checkpoint ${asset} ${new Date(link.hourTs).toISOString()} names ${link.candleCount} candle(s) from ${new Date(link.candlesFromTs).toISOString()}, the candle table holds ${candles.length}`,
          { fix: 'restore the candle table from its backup (PITR); candles are never rewritten' },
        );
      yield { ...link, candles };
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}
