import type { Ticker } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { coinbaseErrorOf } from './coinbaseErrorOf.js';
import { coinbaseTickerSchema } from './coinbaseSchemas.js';

/** Coinbase `/products/{id}/ticker` body → ticker (`price` is the last trade). */
export function parseCoinbaseTicker(body: unknown, _ctx: ParseContext): Ticker {
  const t = parseVenueBody({
    venue: 'coinbase',
    endpoint: '/products/{id}/ticker',
    schema: coinbaseTickerSchema,
    body,
    errorOf: coinbaseErrorOf,
  });
  return { bid: t.bid, ask: t.ask, last: t.price, ts: t.time };
}
