import type { Candle } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { binanceErrorOf } from './binanceErrorOf.js';
import { BINANCE_PATHS, binanceKlinesSchema } from './binanceSchemas.js';

/** Binance `/api/v3/klines` body → candles ascending; volume is base volume. */
export function parseBinanceCandles(body: unknown, _ctx: ParseContext): Candle[] {
  const rows = parseVenueBody({
    venue: 'binance',
    endpoint: BINANCE_PATHS.candles,
    schema: binanceKlinesSchema,
    body,
    errorOf: binanceErrorOf,
  });
  return rows.map((r): Candle => [r[0], r[1], r[2], r[3], r[4], r[5]]).sort((a, b) => a[0] - b[0]);
}
