import type { Ticker } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { bybitErrorOf } from './bybitErrorOf.js';
import { BYBIT_PATHS, bybitTickersSchema } from './bybitSchemas.js';

/** Bybit `/v5/market/tickers` body → ticker; `ts` is the response `time`. */
export function parseBybitTicker(body: unknown, _ctx: ParseContext): Ticker {
  const parsed = parseVenueBody({
    venue: 'bybit',
    endpoint: BYBIT_PATHS.ticker,
    schema: bybitTickersSchema,
    body,
    errorOf: bybitErrorOf,
  });
  const t = parsed.result.list[0]!;
  return { bid: t.bid1Price, ask: t.ask1Price, last: t.lastPrice, ts: parsed.time! };
}
