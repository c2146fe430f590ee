import type { Candle } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { okxErrorOf } from './okxErrorOf.js';
import { OKX_PATHS, okxCandlesSchema } from './okxSchemas.js';

/** OKX candles (newest first) → canonical, ascending. Same shape for `candles` and `history-candles`. */
export function parseOkxCandles(body: unknown, _ctx: ParseContext): Candle[] {
  const { data } = parseVenueBody({
    venue: 'okx',
    endpoint: OKX_PATHS.candles,
    schema: okxCandlesSchema,
    body,
    errorOf: okxErrorOf,
  });
  return data.map((r): Candle => [r[0], r[1], r[2], r[3], r[4], r[5]]).sort((a, b) => a[0] - b[0]);
}
