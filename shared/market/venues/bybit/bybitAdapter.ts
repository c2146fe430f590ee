import { HOUR_MS } from '../../../core/time.js';
import type { VenueAdapter } from '../venueAdapter.js';
import { bybitErrorOf } from './bybitErrorOf.js';
import { BYBIT_PATHS } from './bybitSchemas.js';
import { parseBybitCandles } from './parseBybitCandles.js';
import { parseBybitOrderBook } from './parseBybitOrderBook.js';
import { parseBybitTicker } from './parseBybitTicker.js';

/** Bybit v5 public REST, spot category. Kline: up to 1,000 per request by `start`/`end`. */
export const bybitAdapter: VenueAdapter = {
  id: 'bybit',
  defaultBaseUrl: 'https://api.bybit.com',
  maxBookDepth: 200,
  bookHasVenueTime: true,
  tickerHasVenueTime: true,
  // 600 requests/5 s per IP
  minRequestIntervalMs: 0,
  maxCandleHistoryHours: Number.POSITIVE_INFINITY,
  orderBookRequest: ({ symbol, depth }) => ({
    path: BYBIT_PATHS.orderbook,
    params: { category: 'spot', symbol, limit: Math.min(depth, 200) },
  }),
  tickerRequest: ({ symbol }) => ({ path: BYBIT_PATHS.ticker, params: { category: 'spot', symbol } }),
  candlePageRequest: ({ symbol, endMs }) => ({
    hours: 1000,
    request: {
      path: BYBIT_PATHS.candles,
      params: {
        category: 'spot',
        symbol,
        interval: '60',
        start: endMs - 1000 * HOUR_MS,
        end: endMs - 1,
        limit: 1000,
      },
    },
  }),
  parseOrderBook: parseBybitOrderBook,
  parseCandles: parseBybitCandles,
  parseTicker: parseBybitTicker,
  errorOf: bybitErrorOf,
};
