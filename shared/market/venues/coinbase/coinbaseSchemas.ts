import * as z from 'zod';
import { decimalString, levelSide, nonNegativeNumber } from '../decimal.js';
import { isoTimeMs } from '../isoTime.js';

/**
 * `GET /products/{id}/book?level=2` — `{bids:[["price","size",numOrders]], asks:[…], sequence,
 * auction_mode, auction, time}`; `time` (ISO) is present on the current API, optional here.
 */
export const coinbaseBookSchema = z.object({
  bids: levelSide,
  asks: levelSide,
  sequence: z.number(),
  time: isoTimeMs.optional(),
});

/** `GET /products/{id}/candles?granularity=3600` — `[[timeSec, low, high, open, close, volume]]` numbers, newest first. */
export const coinbaseCandlesSchema = z.array(
  z.tuple([
    z.number().int().nonnegative(),
    nonNegativeNumber,
    nonNegativeNumber,
    nonNegativeNumber,
    nonNegativeNumber,
    nonNegativeNumber,
  ]),
);

/** `GET /products/{id}/ticker` — `{ask, bid, volume, trade_id, price, size, time}`. */
export const coinbaseTickerSchema = z.object({
  ask: decimalString,
  bid: decimalString,
  price: decimalString,
  time: isoTimeMs,
});

/** Error body: `{"message":"NotFound"}`. */
export const coinbaseErrorSchema = z.object({ message: z.string() });

export const COINBASE_PATHS = {
  orderbook: (product: string) => `/products/${encodeURIComponent(product)}/book`,
  candles: (product: string) => `/products/${encodeURIComponent(product)}/candles`,
  ticker: (product: string) => `/products/${encodeURIComponent(product)}/ticker`,
} as const;
