import { HOUR_MS } from '../../../core/time.js';
import type { VenueAdapter } from '../venueAdapter.js';
import { binanceErrorOf } from './binanceErrorOf.js';
import { BINANCE_PATHS } from './binanceSchemas.js';
import { parseBinanceCandles } from './parseBinanceCandles.js';
import { parseBinanceOrderBook } from './parseBinanceOrderBook.js';
import { parseBinanceTicker } from './parseBinanceTicker.js';

/** Binance spot public REST. Klines: up to 1,000 per request, by `startTime`/`endTime`. */
export const binanceAdapter: VenueAdapter = {
  id: 'binance',
  defaultBaseUrl: 'https://api.binance.com',
  maxBookDepth: 5000,
  bookHasVenueTime: false,
  tickerHasVenueTime: true,
  // weights: klines 2, depth(5000) 250 of 6,000 per minute
  minRequestIntervalMs: 0,
  maxCandleHistoryHours: Number.POSITIVE_INFINITY,
  orderBookRequest: ({ symbol, depth }) => ({
    path: BINANCE_PATHS.orderbook,
    params: { symbol, limit: Math.min(depth, 5000) },
  }),
  tickerRequest: ({ symbol }) => ({ path: BINANCE_PATHS.ticker, params: { symbol } }),
  candlePageRequest: ({ symbol, endMs }) => ({
    hours: 1000,
    request: {
      path: BINANCE_PATHS.candles,
      params: { symbol, interval: '1h', startTime: endMs - 1000 * HOUR_MS, endTime: endMs - 1, limit: 1000 },
    },
  }),
  parseOrderBook: parseBinanceOrderBook,
  parseCandles: parseBinanceCandles,
  parseTicker: parseBinanceTicker,
  errorOf: binanceErrorOf,
};
