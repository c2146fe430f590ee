/**
 * Canonical market-data types. Every venue adapter parses its venue's JSON into these shapes,
 * and everything downstream (aggregation, the risk engine, snapshots) reads only these.
 */

/** The venues Ballast reads. One adapter file per venue under `shared/market/venues/`. */
export const VENUE_IDS = ['binance', 'coinbase', 'kraken', 'okx', 'bybit'] as const;
export type VenueId = (typeof VENUE_IDS)[number];

/** Quote currencies a market may be denominated in; converted to USD before aggregation. */
export const QUOTE_CURRENCIES = ['USD', 'USDT', 'USDC'] as const;
export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];

/** One price level: `[price, size]`, price in quote units, size in base units. */
export type Level = readonly [price: number, size: number];

/** An L2 order book as served by one venue. Bids descending by price, asks ascending. */
export interface OrderBook {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  /** Venue timestamp of the book in ms UTC (the venue's own time when it gives one, else receipt time). */
  readonly ts: number;
}

/** One hourly candle: `[openTimeMs, open, high, low, close, baseVolume]`, open time in ms UTC. */
export type Candle = readonly [ts: number, open: number, high: number, low: number, close: number, volume: number];

/** Best bid/ask and last trade price. */
export interface Ticker {
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
  /** ms UTC */
  readonly ts: number;
}

/** One hour in milliseconds. Candles are hourly throughout Ballast. */
export const HOUR_MS = 3_600_000;
