import type { Candle } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { bybitErrorOf } from './bybitErrorOf.js';
import { BYBIT_PATHS, bybitKlineSchema } from './bybitSchemas.js';

/** Bybit `/v5/market/kline` body (newest first) → canonical, ascending; volume in base units. */
export function parseBybitCandles(body: unknown, _ctx: ParseContext): Candle[] {
  const { result } = parseVenueBody({
    venue: 'bybit',
    endpoint: BYBIT_PATHS.candles,
    schema: bybitKlineSchema,
    body,
    errorOf: bybitErrorOf,
  });
  return result.list.map((r): Candle => [r[0], r[1], r[2], r[3], r[4], r[5]]).sort((a, b) => a[0] - b[0]);
}
