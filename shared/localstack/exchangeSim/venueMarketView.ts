import { HOUR_MS } from '../../core/time.js';
import type { Candle, Level } from '../../core/types.js';
import type { VenueId } from '../../core/venues.js';
import { createPrng } from './createPrng.js';
import type { ExchangeFaultOptions } from './exchangeFault.js';
import { generateBook } from './generateBook.js';
import type { PriceSource } from './createPriceSource.js';
import { priceShockFactor, type PriceShock } from './priceShock.js';

/** Share of the market's volume and depth each venue carries in the simulation. */
export const VENUE_SHARE: Readonly<Record<VenueId, number>> = {
  binance: 0.4,
  okx: 0.2,
  bybit: 0.15,
  coinbase: 0.15,
  kraken: 0.1,
};

/** Full book depth (levels per side) each simulated venue holds; requests get the top of it. */
export const VENUE_BOOK_LEVELS: Readonly<Record<VenueId, number>> = {
  binance: 5000,
  coinbase: 1000,
  kraken: 500,
  okx: 400,
  bybit: 200,
};

export interface VenueMarketView {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly priceDecimals: number;
  /** Last trade price (the mid rounded to the tick). */
  readonly last: number;
  /** Venue timestamp of book and ticker, ms. */
  readonly ts: number;
  /** This venue's closed hourly candles opening in `[fromMs, toMs]` (venue basis applied), ascending. */
  candlesIn(fromMs: number, toMs: number): Candle[];
}

export interface VenueMarketViewParams {
  readonly seed: number;
  readonly asset: string;
  readonly venue: VenueId;
  readonly source: PriceSource;
  readonly nowMs: number;
  /** USD of bids within 2% across all venues; this venue holds its share. */
  readonly marketDepth2PctUsd: number;
  readonly fault: ExchangeFaultOptions | undefined;
  /** Replay: candles at their recorded times, and books that thin out as volatility rises. @default false */
  readonly asRecorded?: boolean;
  /** The asset's price shocks (`ballast sim shock`). @default none */
  readonly shocks?: readonly PriceShock[];
}

/** Depth multiplier bounds of a replayed book: thinnest in a crash, a little deeper when calm. */
const DEPTH_FACTOR_MIN = 0.15;
const DEPTH_FACTOR_MAX = 1.25;

/** Standard deviation of hourly log returns of the last `hours` candles (0 with fewer than 3). */
function hourlyVol(candles: readonly Candle[], hours: number): number {
  const closes = candles.slice(-hours - 1).map((c) => c[4]);
  const returns = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
  if (returns.length < 3) return 0;
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  return Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1));
}

/**
 * How much of its usual depth a replayed market shows: the 30-day hourly volatility over the last
 * 24 hours', bounded to [0.15, 1.25]. Volatility doubling halves the depth within 2 %, as market
 * makers widen and pull size when prices move fast.
 */
function depthFactor(candles: readonly Candle[]): number {
  const recent = hourlyVol(candles, 24);
  const usual = hourlyVol(candles, 30 * 24);
  if (recent === 0 || usual === 0) return 1;
  return Math.min(DEPTH_FACTOR_MAX, Math.max(DEPTH_FACTOR_MIN, usual / recent));
}

const bookCache = new Map<string, { key: string; view: ReturnType<typeof generateBook> }>();

/**
 * What one venue shows for one asset at `nowMs`: the common path's last close times
 * `(1 + basis)`, the venue's basis a seeded constant in ±1 bp, a generated book around it, and the
 * data faults (`staleTimestamp`, `crossedBook`, `offPrice`) applied.
 */
export function venueMarketView({
  seed,
  asset,
  venue,
  source,
  nowMs,
  marketDepth2PctUsd,
  fault,
  asRecorded = false,
  shocks = [],
}: VenueMarketViewParams): VenueMarketView {
  const rng = createPrng(seed, asset, venue, 'basis');
  const basis = (rng.next() - 0.5) * 2e-4;
  const recorded = source.candlesAt(nowMs, asRecorded);
  // A shock moves each candle by its factor at the candle's close, and the mid by today's.
  const all =
    shocks.length === 0
      ? recorded
      : recorded.map(([t, o, h, l, c, v]): Candle => {
          const f = priceShockFactor(shocks, t + HOUR_MS);
          const fOpen = priceShockFactor(shocks, t);
          return [t, o * fOpen, Math.max(h * f, h * fOpen), Math.min(l * f, l * fOpen), c * f, v];
        });
  const lastClose =
    (all[all.length - 1]?.[4] ?? 100) *
    (priceShockFactor(shocks, nowMs) / priceShockFactor(shocks, Math.floor(nowMs / HOUR_MS) * HOUR_MS));
  const offset = fault?.kind === 'offPrice' ? (fault.offsetPct ?? 0.05) : 0;
  const mid = lastClose * (1 + basis) * (1 + offset);
  const depth = asRecorded || shocks.length > 0 ? marketDepth2PctUsd * depthFactor(all) : marketDepth2PctUsd;
  const levels = VENUE_BOOK_LEVELS[venue];
  const cacheKey = `${venue}/${asset}`;
  const key = `${mid}/${levels}/${depth}`;
  let cached = bookCache.get(cacheKey);
  if (cached?.key !== key) {
    cached = {
      key,
      view: generateBook({
        seed,
        asset,
        venue,
        mid,
        levels,
        depth2PctUsd: depth * VENUE_SHARE[venue],
      }),
    };
    bookCache.set(cacheKey, cached);
  }
  const book = cached.view;
  let bids: readonly Level[] = book.bids;
  if (fault?.kind === 'crossedBook') {
    // Lift every bid 0.3% (6× the spread): the best bid now sits above the best ask.
    bids = book.bids.map(([p, s]): Level => [Number((p * 1.003).toFixed(book.priceDecimals)), s]);
  }
  const ts = fault?.kind === 'staleTimestamp' ? nowMs - (fault.staleMs ?? HOUR_MS) : nowMs;
  const volumeScale = VENUE_SHARE[venue] / VENUE_SHARE.binance;
  const lowerBound = (t: number) => {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (all[m]![0] < t) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  return {
    bids,
    asks: book.asks,
    priceDecimals: book.priceDecimals,
    last: Number(mid.toFixed(book.priceDecimals)),
    ts,
    candlesIn(fromMs, toMs) {
      return all
        .slice(lowerBound(fromMs), lowerBound(toMs + 1))
        .map(([t, o, h, l, c, v]): Candle => [
          t,
          o * (1 + basis),
          h * (1 + basis),
          l * (1 + basis),
          c * (1 + basis),
          v * volumeScale,
        ]);
    },
  };
}
