import type { OrderBook } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import { toLevels } from '../toLevels.js';
import type { ParseContext } from '../venueAdapter.js';
import { coinbaseErrorOf } from './coinbaseErrorOf.js';
import { coinbaseBookSchema } from './coinbaseSchemas.js';

/** Coinbase `/products/{id}/book?level=2` body → canonical book; `ts` from `time`, else receipt time. */
export function parseCoinbaseOrderBook(body: unknown, ctx: ParseContext): OrderBook {
  const data = parseVenueBody({
    venue: 'coinbase',
    endpoint: '/products/{id}/book',
    schema: coinbaseBookSchema,
    body,
    errorOf: coinbaseErrorOf,
  });
  return {
    bids: toLevels({ levels: data.bids, side: 'bids' }),
    asks: toLevels({ levels: data.asks, side: 'asks' }),
    ts: data.time ?? ctx.receivedAt,
  };
}
