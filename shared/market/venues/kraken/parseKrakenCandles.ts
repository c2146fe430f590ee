import type { Candle } from '../../../core/types.js';
import type { ParseContext } from '../venueAdapter.js';
import { krakenResultEntry } from './krakenResultEntry.js';
import { KRAKEN_PATHS, krakenOhlcEntrySchema } from './krakenSchemas.js';

/** Kraken `/0/public/OHLC` rows `[timeSec, o, h, l, c, vwap, volume, count]` → canonical, ascending, ms. */
export function parseKrakenCandles(body: unknown, _ctx: ParseContext): Candle[] {
  const { entry } = krakenResultEntry({
    endpoint: KRAKEN_PATHS.candles,
    body,
    schema: krakenOhlcEntrySchema,
  });
  return entry.map((r): Candle => [r[0] * 1000, r[1], r[2], r[3], r[4], r[6]]).sort((a, b) => a[0] - b[0]);
}
