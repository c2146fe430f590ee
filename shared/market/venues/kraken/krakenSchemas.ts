import * as z from 'zod';
import { decimalString } from '../decimal.js';

/** Every Kraken public response: `{error: string[], result: {<PAIR>: …, last?: n}}`. */
export const krakenEnvelopeSchema = z.object({
  error: z.array(z.string()).max(0, 'error list is not empty'),
  result: z.record(z.string(), z.unknown()),
});

/** Book level `["price", "volume", timestampSec]`. */
const krakenLevel = z.tuple([decimalString, decimalString, z.number().nonnegative()]);

/** `GET /0/public/Depth?pair=…&count=…` result entry. */
export const krakenDepthEntrySchema = z.object({ asks: z.array(krakenLevel), bids: z.array(krakenLevel) });

/** `GET /0/public/OHLC?pair=…&interval=60` rows `[timeSec, "o","h","l","c","vwap","volume", count]`. */
export const krakenOhlcEntrySchema = z.array(
  z.tuple(
    [
      z.number().int().nonnegative(),
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
    ],
    z.unknown(),
  ),
);

/** `GET /0/public/Ticker?pair=…` entry: `a` ask `[price, wholeLotVolume, lotVolume]`, `b` bid, `c` last `[price, lotVolume]`. */
export const krakenTickerEntrySchema = z.object({
  a: z.tuple([decimalString], z.unknown()),
  b: z.tuple([decimalString], z.unknown()),
  c: z.tuple([decimalString], z.unknown()),
});

/** Error body: `{"error":["EQuery:Unknown asset pair"]}` (HTTP 200). */
export const krakenErrorSchema = z.object({ error: z.array(z.string()).min(1) });

export const KRAKEN_PATHS = {
  orderbook: '/0/public/Depth',
  candles: '/0/public/OHLC',
  ticker: '/0/public/Ticker',
} as const;
