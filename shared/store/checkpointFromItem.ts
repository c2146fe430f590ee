import type { Candle } from '../core/types.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import { assembleCheckpointState, type ChunkCache } from './assembleCheckpointState.js';
import type { CheckpointLayout } from './checkpointLayout.js';
import type { DynamoClients } from './createDynamoClients.js';
import { readJsonAttribute } from './readJsonAttribute.js';
import type { TableNames } from './tables.js';

/**
 * A checkpoint item as stored by putCheckpoint, decompressed, its state whole (chunked columns read
 * back and their digests checked; the state's hash is checked by its readers).
 * @throws StoredItemError when a chunk the item names is missing or altered.
 */
export async function checkpointFromItem(
  dynamo: DynamoClients,
  tables: TableNames,
  item: Record<string, unknown>,
  cache?: ChunkCache,
): Promise<StoredCheckpoint> {
  const inline = readJsonAttribute(item, 'state') as EngineState;
  const layout = typeof item.layout === 'string' ? (JSON.parse(item.layout) as CheckpointLayout) : undefined;
  const state =
    layout === undefined ? inline : await assembleCheckpointState(dynamo, tables, inline, layout, cache);
  return {
    asset: item.asset as string,
    hourTs: item.hourTs as number,
    hash: item.hash as string,
    predecessorHash: (item.predecessorHash as string | null | undefined) ?? null,
    modelVersion: item.modelVersion as string,
    configHash: item.configHash as string,
    ...inlineCandles(item),
    state,
    ...(layout === undefined ? {} : { layout }),
    stateBytes: item.stateBytes as number,
    storedBytes: item.storedBytes as number,
  };
}

/** Links written before the candle table carry their candles inline (`candlesGz`). */
function inlineCandles(
  item: Record<string, unknown>,
): Pick<StoredCheckpoint, 'candles' | 'candlesFromTs' | 'candleCount'> {
  if (item.candlesGz === undefined)
    return { candlesFromTs: item.candlesFromTs as number, candleCount: item.candleCount as number };
  const candles = readJsonAttribute(item, 'candles') as Candle[];
  return { candles, candlesFromTs: candles[0]?.[0] ?? (item.hourTs as number), candleCount: candles.length };
}
