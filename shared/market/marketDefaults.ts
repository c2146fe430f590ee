/** Defaults of market-data collection, written once. Methodology defaults live in shared/config/defaults.ts. */
export const MARKET_DEFAULTS = {
  /** Days of hourly candle history requested per venue (the engine's FHS wants 180). @default 200 */
  historyDays: 200,
  /** Book levels per side requested (capped per venue: Binance 5000, Kraken 500, OKX 400, Bybit 200). @default 5000 */
  bookDepth: 5000,
  /** Venue timestamps this far ahead of the collector clock are rejected, ms. @default 60000 */
  maxFutureSkewMs: 60_000,
  /**
   * A stablecoin quote is flagged as depegged when the median mid of its venues differs from the
   * median mid of USD venues by more than this fraction (after conversion). @default 0.01
   */
  depegTolerance: 0.01,
  /** Bid levels kept in a compact snapshot. @default 50 */
  compactTopLevels: 50,
  /** Depth-curve points of a compact snapshot, bp below the reference price. @default [10,25,50,100,200,300,500,1000] */
  compactDepthCurveBps: [10, 25, 50, 100, 200, 300, 500, 1000],
} as const;
