import type { VenueAdapter } from '../venueAdapter.js';
import { krakenErrorOf } from './krakenErrorOf.js';
import { KRAKEN_PATHS } from './krakenSchemas.js';
import { parseKrakenCandles } from './parseKrakenCandles.js';
import { parseKrakenOrderBook } from './parseKrakenOrderBook.js';
import { parseKrakenTicker } from './parseKrakenTicker.js';

/**
 * Kraken public REST. OHLC serves only the 720 most recent bars whatever `since` says, so Kraken
 * contributes 30 days of hourly history; the other venues carry the rest of the reference candles.
 */
export const krakenAdapter: VenueAdapter = {
  id: 'kraken',
  defaultBaseUrl: 'https://api.kraken.com',
  maxBookDepth: 500,
  bookHasVenueTime: true,
  tickerHasVenueTime: false,
  // public REST: about 1 request/s per IP
  minRequestIntervalMs: 1000,
  maxCandleHistoryHours: 720,
  orderBookRequest: ({ symbol, depth }) => ({
    path: KRAKEN_PATHS.orderbook,
    params: { pair: symbol, count: Math.min(depth, 500) },
  }),
  tickerRequest: ({ symbol }) => ({ path: KRAKEN_PATHS.ticker, params: { pair: symbol } }),
  candlePageRequest: ({ symbol }) => ({
    hours: 720,
    request: { path: KRAKEN_PATHS.candles, params: { pair: symbol, interval: 60 } },
  }),
  parseOrderBook: parseKrakenOrderBook,
  parseCandles: parseKrakenCandles,
  parseTicker: parseKrakenTicker,
  errorOf: krakenErrorOf,
};
