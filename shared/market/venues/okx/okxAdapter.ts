import { HOUR_MS } from '../../../core/time.js';
import type { VenueAdapter } from '../venueAdapter.js';
import { okxErrorOf } from './okxErrorOf.js';
import { OKX_PATHS } from './okxSchemas.js';
import { parseOkxCandles } from './parseOkxCandles.js';
import { parseOkxOrderBook } from './parseOkxOrderBook.js';
import { parseOkxTicker } from './parseOkxTicker.js';

/**
 * `candles` serves the most recent 1,440 bars (300 per request); older bars come from
 * `history-candles` (100 per request). Both page backwards with `after` (records older than `after`).
 */
const OKX_RECENT_HOURS = 1440;

/** OKX public REST (v5). */
export const okxAdapter: VenueAdapter = {
  id: 'okx',
  defaultBaseUrl: 'https://www.okx.com',
  maxBookDepth: 400,
  bookHasVenueTime: true,
  tickerHasVenueTime: true,
  // market data: 20 requests/2 s (candles 40/2 s)
  minRequestIntervalMs: 50,
  maxCandleHistoryHours: Number.POSITIVE_INFINITY,
  orderBookRequest: ({ symbol, depth }) => ({
    path: OKX_PATHS.orderbook,
    params: { instId: symbol, sz: Math.min(depth, 400) },
  }),
  tickerRequest: ({ symbol }) => ({ path: OKX_PATHS.ticker, params: { instId: symbol } }),
  candlePageRequest: ({ symbol, endMs, nowMs }) => {
    const recent = endMs - 300 * HOUR_MS >= nowMs - OKX_RECENT_HOURS * HOUR_MS;
    return recent
      ? {
          hours: 300,
          request: {
            path: OKX_PATHS.candles,
            params: { instId: symbol, bar: '1H', after: endMs, limit: 300 },
          },
        }
      : {
          hours: 100,
          request: {
            path: OKX_PATHS.historyCandles,
            params: { instId: symbol, bar: '1H', after: endMs, limit: 100 },
          },
        };
  },
  parseOrderBook: parseOkxOrderBook,
  parseCandles: parseOkxCandles,
  parseTicker: parseOkxTicker,
  errorOf: okxErrorOf,
};
