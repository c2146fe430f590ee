/**
 * Market-layer types: a venue's part in a cycle and the aggregated snapshot. The neutral shapes
 * (candle, level, book, ticker, venue ids) live in `shared/core/`.
 */

import type { Candle, ImpliedVol, Level } from '../core/types.js';
import type { QuoteCurrency, VenueId } from '../core/venues.js';

/** Why a venue did not contribute to a cycle's reference price (docs/methodology.md §2). */
export const VENUE_EXCLUSION_REASONS = [
  /** The book request failed (timeout, HTTP error, error body, invalid body, geo-block). */
  'fetchFailed',
  /** No bids or no asks. */
  'emptyBook',
  /** Best bid ≥ best ask. */
  'crossedBook',
  /** Venue timestamp older than `maxAgeMs`. */
  'stale',
  /** Venue timestamp ahead of the collector's clock by more than the allowed skew. */
  'futureTimestamp',
  /** Mid further than `maxDeviation` from the median of the venues. */
  'outlier',
] as const;
export type VenueExclusionReason = (typeof VENUE_EXCLUSION_REASONS)[number];

/** One venue's part in a cycle. Prices in USD (after quote conversion). */
export interface VenueStatus {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly quote: QuoteCurrency;
  /** True when the venue's mid entered the reference price and its bids the consolidated book. */
  readonly ok: boolean;
  /** Mid in USD, `(bestBid + bestAsk) / 2`, when the book had both sides. */
  readonly mid?: number;
  readonly bestBid?: number;
  readonly bestAsk?: number;
  /** Freshness timestamp used for the staleness check, ms UTC. */
  readonly ts?: number;
  readonly bidLevels?: number;
  readonly askLevels?: number;
  /** Closed hourly candles received. */
  readonly candles?: number;
  readonly excludedReason?: VenueExclusionReason;
  /** Human-readable detail of the exclusion (error message, age, deviation). */
  readonly detail?: string;
  /** Non-fatal problems (ticker or candle request failed). */
  readonly warnings?: readonly string[];
}

/** Slippage of selling the configured liquidation size into the consolidated bids. */
export interface SnapshotSlippage {
  readonly sizeUsd: number;
  readonly slippage: number;
  readonly vwap: number;
  readonly filledUsd: number;
  /** The visible consolidated book could not absorb `sizeUsd` (the engine then extrapolates). */
  readonly exhausted: boolean;
}

/** Everything the risk engine needs from one collection cycle for one asset. */
export interface MarketSnapshot {
  readonly asset: string;
  /** Collection time, ms UTC. */
  readonly ts: number;
  /** Median of accepted venue mids, USD; null when no venue survived. */
  readonly referencePrice: number | null;
  /** Consolidated best bid / best ask across accepted venues, USD. */
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  /** Consolidated bid book of accepted venues, USD, merged by price, best (highest) first. */
  readonly bids: readonly Level[];
  /** USD value of consolidated bids priced ≥ 0.98 × reference (0 when no reference). */
  readonly depth2PctUsd: number;
  /** Slippage at the asset's `liquidationSizeUsd`; null when no reference price. */
  readonly slippage: SnapshotSlippage | null;
  /** Reference hourly candles (USD; per-hour median OHLC, volume summed in base units), closed hours only, ascending, gaps kept. */
  readonly candles: readonly Candle[];
  readonly venues: readonly VenueStatus[];
  /** USD per unit of each quote currency used for the conversion. */
  readonly quoteRates: Readonly<Record<QuoteCurrency, number>>;
  readonly quorum: { readonly required: number; readonly accepted: number };
  /** True below quorum or on a data-quality problem: parameters may only tighten (docs/methodology.md §2). */
  readonly degraded: boolean;
  /** Why the cycle is degraded, and every excluded venue with its reason. */
  readonly reasons: readonly string[];
  /** Implied volatility (Deribit DVOL for BTC and ETH), when collected (docs/methodology.md §3.7). */
  readonly impliedVol?: ImpliedVol;
  /** Why the implied volatility is missing for an asset that has one (a monitored input: never degrades). */
  readonly impliedVolError?: string;
}
