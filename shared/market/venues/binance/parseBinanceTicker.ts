import type { Ticker } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { binanceErrorOf } from './binanceErrorOf.js';
import { BINANCE_PATHS, binanceTicker24hSchema } from './binanceSchemas.js';

/** Binance `/api/v3/ticker/24hr?symbol=…` body → ticker; `ts` is the statistics' `closeTime`. */
export function parseBinanceTicker(body: unknown, _ctx: ParseContext): Ticker {
  const t = parseVenueBody({
    venue: 'binance',
    endpoint: BINANCE_PATHS.ticker,
    schema: binanceTicker24hSchema,
    body,
    errorOf: binanceErrorOf,
  });
  return { bid: t.bidPrice, ask: t.askPrice, last: t.lastPrice, ts: t.closeTime };
}
