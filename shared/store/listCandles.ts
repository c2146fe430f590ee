import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Candle } from '../core/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { TableNames } from './tables.js';

/**
 * An asset's stored reference candles opening in `[fromTs, toTs]` (ms UTC, both inclusive),
 * ascending (table `candles`, written by appendCandles; all pages).
 * @throws StoredItemError for a stored item that is not a candle.
 */
export async function listCandles(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
  fromTs: number,
  toTs: number,
): Promise<Candle[]> {
  const candles: Candle[] = [];
  if (!(fromTs <= toTs)) return candles;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tables.candles,
        KeyConditionExpression: 'asset = :asset AND hourTs BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':asset': asset, ':from': fromTs, ':to': toTs },
        ConsistentRead: true,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) {
      const values = JSON.parse(item.ohlcv as string) as unknown;
      if (!Array.isArray(values) || values.length !== 5)
        throw new StoredItemError(
          `${tables.candles} ${asset} ${item.hourTs as number}: ohlcv is ${String(item.ohlcv)}; expected [open, high, low, close, volume]`,
        );
      candles.push([item.hourTs as number, ...(values as [number, number, number, number, number])]);
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return candles;
}
