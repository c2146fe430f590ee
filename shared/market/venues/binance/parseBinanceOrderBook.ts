import type { OrderBook } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import { toLevels } from '../toLevels.js';
import type { ParseContext } from '../venueAdapter.js';
import { binanceErrorOf } from './binanceErrorOf.js';
import { BINANCE_PATHS, binanceDepthSchema } from './binanceSchemas.js';

/** Binance `/api/v3/depth` body → canonical book. Binance sends no time: `ts` is receipt time. */
export function parseBinanceOrderBook(body: unknown, ctx: ParseContext): OrderBook {
  const data = parseVenueBody({
    venue: 'binance',
    endpoint: BINANCE_PATHS.orderbook,
    schema: binanceDepthSchema,
    body,
    errorOf: binanceErrorOf,
  });
  return {
    bids: toLevels({ levels: data.bids, side: 'bids' }),
    asks: toLevels({ levels: data.asks, side: 'asks' }),
    ts: ctx.receivedAt,
  };
}
