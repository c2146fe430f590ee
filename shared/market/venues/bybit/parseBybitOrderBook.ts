import type { OrderBook } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import { toLevels } from '../toLevels.js';
import type { ParseContext } from '../venueAdapter.js';
import { bybitErrorOf } from './bybitErrorOf.js';
import { BYBIT_PATHS, bybitOrderbookSchema } from './bybitSchemas.js';

/** Bybit `/v5/market/orderbook` body → canonical book; `ts` is the book's `result.ts`. */
export function parseBybitOrderBook(body: unknown, _ctx: ParseContext): OrderBook {
  const { result } = parseVenueBody({
    venue: 'bybit',
    endpoint: BYBIT_PATHS.orderbook,
    schema: bybitOrderbookSchema,
    body,
    errorOf: bybitErrorOf,
  });
  return {
    bids: toLevels({ levels: result.b, side: 'bids' }),
    asks: toLevels({ levels: result.a, side: 'asks' }),
    ts: result.ts,
  };
}
