import type { Candle } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { coinbaseErrorOf } from './coinbaseErrorOf.js';
import { coinbaseCandlesSchema } from './coinbaseSchemas.js';

/** Coinbase candles `[timeSec, low, high, open, close, volume]` (newest first) → canonical, ascending, ms. */
export function parseCoinbaseCandles(body: unknown, _ctx: ParseContext): Candle[] {
  const rows = parseVenueBody({
    venue: 'coinbase',
    endpoint: '/products/{id}/candles',
    schema: coinbaseCandlesSchema,
    body,
    errorOf: coinbaseErrorOf,
  });
  return rows
    .map(([t, low, high, open, close, volume]): Candle => [t * 1000, open, high, low, close, volume])
    .sort((a, b) => a[0] - b[0]);
}
