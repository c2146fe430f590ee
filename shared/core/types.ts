/**
 * Canonical market-data shapes shared by every layer: venue adapters parse into them, aggregation,
 * the risk engine, the backtest and the exchange simulator read them.
 */

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
export type Candle = readonly [
  ts: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
];

/** Best bid/ask and last trade price. */
export interface Ticker {
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
  /** ms UTC */
  readonly ts: number;
}

/** An implied-volatility index collected with the snapshot (docs/methodology.md §3.7), e.g. Deribit DVOL. */
export interface ImpliedVol {
  /** Where it came from, e.g. `deribit:DVOL`. */
  readonly source: string;
  /** Annualised implied volatility in percent (DVOL 55.2 = 55.2 %). */
  readonly index: number;
  /** Time of the index value, ms UTC. */
  readonly ts: number;
}
