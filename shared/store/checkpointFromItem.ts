import { gunzipSync } from 'node:zlib';
import type { Candle } from '../core/types.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';

/** A checkpoint item as stored by putCheckpoint, decompressed (the hash is checked by its readers). */
export function checkpointFromItem(item: Record<string, unknown>): StoredCheckpoint {
  return {
    asset: item.asset as string,
    hourTs: item.hourTs as number,
    hash: item.hash as string,
    predecessorHash: (item.predecessorHash as string | null | undefined) ?? null,
    modelVersion: item.modelVersion as string,
    configHash: item.configHash as string,
    ...inlineCandles(item),
    state: JSON.parse(gunzipSync(item.stateGz as Uint8Array).toString('utf8')) as EngineState,
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
  const candles = JSON.parse(gunzipSync(item.candlesGz as Uint8Array).toString('utf8')) as Candle[];
  return { candles, candlesFromTs: candles[0]?.[0] ?? (item.hourTs as number), candleCount: candles.length };
}
