import * as z from 'zod';
import { decimalString, levelSide } from '../decimal.js';

/** `GET /api/v3/depth` — `{lastUpdateId, bids:[["price","qty"]], asks:[…]}`; no timestamp. */
export const binanceDepthSchema = z.object({
  lastUpdateId: z.number().int(),
  bids: levelSide,
  asks: levelSide,
});

/**
 * `GET /api/v3/klines` — arrays `[openTime, "open", "high", "low", "close", "volume", closeTime,
 * "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]`, ascending.
 */
export const binanceKlinesSchema = z.array(
  z.tuple(
    [
      z.number().int().nonnegative(),
      decimalString,
      decimalString,
      decimalString,
      decimalString,
      decimalString,
    ],
    z.unknown(),
  ),
);

/** `GET /api/v3/ticker/24hr?symbol=…` (one symbol): best bid/ask, last price, `closeTime` ms. */
export const binanceTicker24hSchema = z.object({
  symbol: z.string(),
  lastPrice: decimalString,
  bidPrice: decimalString,
  askPrice: decimalString,
  closeTime: z.number().int().nonnegative(),
});

/** Error body: `{"code":-1121,"msg":"Invalid symbol."}`. */
export const binanceErrorSchema = z.object({ code: z.number().int(), msg: z.string() });

export const BINANCE_PATHS = {
  orderbook: '/api/v3/depth',
  candles: '/api/v3/klines',
  ticker: '/api/v3/ticker/24hr',
} as const;
