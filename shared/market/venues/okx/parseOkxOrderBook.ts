import type { OrderBook } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import { toLevels } from '../toLevels.js';
import type { ParseContext } from '../venueAdapter.js';
import { okxErrorOf } from './okxErrorOf.js';
import { OKX_PATHS, okxBooksSchema } from './okxSchemas.js';

/** OKX `/api/v5/market/books` body → canonical book; `ts` is the venue's book time. */
export function parseOkxOrderBook(body: unknown, _ctx: ParseContext): OrderBook {
  const { data } = parseVenueBody({
    venue: 'okx',
    endpoint: OKX_PATHS.orderbook,
    schema: okxBooksSchema,
    body,
    errorOf: okxErrorOf,
  });
  const book = data[0]!;
  return {
    bids: toLevels({ levels: book.bids, side: 'bids' }),
    asks: toLevels({ levels: book.asks, side: 'asks' }),
    ts: book.ts,
  };
}
