import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Candle } from '../core/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { ConflictingWriteError } from './errors.js';
import { putOnce } from './putOnce.js';
import { TABLES, type TableNames } from './tables.js';

export interface AppendCandlesResult {
  /** Candles written by this call (a retry that finds them stored writes none). */
  readonly written: number;
  /** Candles after the newest stored one that another writer had stored with other values: the stored ones were kept. */
  readonly conflicting: number;
  /** Open time of the newest stored candle after the call (null: none stored). */
  readonly lastHourTs: number | null;
}

/** One transaction holds at most 100 items. */
const TRANSACTION_ITEMS = 100;

/**
 * Stores an asset's closed reference candles once per asset-hour (table `candles`), append-only in
 * time: only the candles after the newest stored one are written, each conditionally, so a stored
 * range never changes (snapshots, records and checkpoints reference candles by hour). A retry, or a
 * concurrent collect with the same candles, writes nothing; a candle stored with other values is
 * kept as stored (first writer wins) and counted in `conflicting`. Many candles (a new asset's
 * history) go in transactions of 100 conditional puts.
 * @param candles closed hourly candles, ascending by open time.
 */
export async function appendCandles(
  dynamo: DynamoClients,
  tables: TableNames,
  asset: string,
  candles: readonly Candle[],
): Promise<AppendCandlesResult> {
  const { Items } = await dynamo.doc.send(
    new QueryCommand({
      TableName: tables.candles,
      KeyConditionExpression: 'asset = :asset',
      ExpressionAttributeValues: { ':asset': asset },
      ProjectionExpression: 'hourTs',
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const stored = Items?.[0]?.hourTs as number | undefined;
  const fresh = candles.filter(([ts]) => stored === undefined || ts > stored);
  const item = (candle: Candle): Record<string, unknown> => ({
    asset,
    hourTs: candle[0],
    // JSON text round-trips every double exactly: [open, high, low, close, volume].
    ohlcv: JSON.stringify(candle.slice(1)),
  });
  let written = 0;
  let conflicting = 0;
  const putEach = async (batch: readonly Candle[]): Promise<void> => {
    const outcomes = await Promise.all(
      batch.map((candle) =>
        putOnce({
          doc: dynamo.doc,
          tableName: tables.candles,
          keyNames: [TABLES.candles.partitionKey.name, TABLES.candles.sortKey.name],
          identityAttribute: 'ohlcv',
          item: item(candle),
        }).then(
          ({ written: w }) => (w ? 'written' : 'same'),
          (error: unknown) => {
            if (error instanceof ConflictingWriteError) return 'conflicting';
            throw error;
          },
        ),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome === 'written') written += 1;
      else if (outcome === 'conflicting') conflicting += 1;
    }
  };
  if (fresh.length <= 25) await putEach(fresh);
  else
    for (let i = 0; i < fresh.length; i += TRANSACTION_ITEMS) {
      const batch = fresh.slice(i, i + TRANSACTION_ITEMS);
      try {
        await dynamo.doc.send(
          new TransactWriteCommand({
            TransactItems: batch.map((candle) => ({
              Put: {
                TableName: tables.candles,
                Item: item(candle),
                ConditionExpression: 'attribute_not_exists(hourTs)',
              },
            })),
          }),
        );
        written += batch.length;
      } catch (error) {
        // Another writer stored some of them: settle candle by candle.
        if (!(error instanceof TransactionCanceledException)) throw error;
        await putEach(batch);
      }
    }
  const last = fresh[fresh.length - 1];
  return { written, conflicting, lastHourTs: last === undefined ? (stored ?? null) : last[0] };
}
