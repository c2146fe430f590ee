import { HOUR_MS } from '../../../core/time.js';
import type { VenueAdapter } from '../venueAdapter.js';
import { coinbaseErrorOf } from './coinbaseErrorOf.js';
import { COINBASE_PATHS } from './coinbaseSchemas.js';
import { parseCoinbaseCandles } from './parseCoinbaseCandles.js';
import { parseCoinbaseOrderBook } from './parseCoinbaseOrderBook.js';
import { parseCoinbaseTicker } from './parseCoinbaseTicker.js';

/** Coinbase Exchange public REST. Candles: at most 300 per request, by ISO `start`/`end` (inclusive). */
export const coinbaseAdapter: VenueAdapter = {
  id: 'coinbase',
  defaultBaseUrl: 'https://api.exchange.coinbase.com',
  // level=2 is the full aggregated book; the venue has no depth parameter.
  maxBookDepth: Number.POSITIVE_INFINITY,
  bookHasVenueTime: true,
  tickerHasVenueTime: true,
  // public REST: 10 requests/s per IP
  minRequestIntervalMs: 100,
  maxCandleHistoryHours: Number.POSITIVE_INFINITY,
  orderBookRequest: ({ symbol }) => ({ path: COINBASE_PATHS.orderbook(symbol), params: { level: 2 } }),
  tickerRequest: ({ symbol }) => ({ path: COINBASE_PATHS.ticker(symbol), params: {} }),
  candlePageRequest: ({ symbol, endMs }) => ({
    hours: 300,
    request: {
      path: COINBASE_PATHS.candles(symbol),
      params: {
        granularity: 3600,
        start: new Date(endMs - 300 * HOUR_MS).toISOString(),
        end: new Date(endMs - HOUR_MS).toISOString(),
      },
    },
  }),
  parseOrderBook: parseCoinbaseOrderBook,
  parseCandles: parseCoinbaseCandles,
  parseTicker: parseCoinbaseTicker,
  errorOf: coinbaseErrorOf,
};
