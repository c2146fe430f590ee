import { HOUR_MS } from '../../core/time.js';
import type { Candle, Level } from '../../core/types.js';
import type { VenueId } from '../../core/venues.js';
import { createPrng } from './createPrng.js';
import type { ExchangeFaultOptions } from './exchangeFault.js';
import { generateBook } from './generateBook.js';
import type { PriceSource } from './createPriceSource.js';

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
}: VenueMarketViewParams): VenueMarketView {
  const rng = createPrng(seed, asset, venue, 'basis');
  const basis = (rng.next() - 0.5) * 2e-4;
  const all = source.candlesAt(nowMs);
  const lastClose = all[all.length - 1]?.[4] ?? 100;
  const offset = fault?.kind === 'offPrice' ? (fault.offsetPct ?? 0.05) : 0;
  const mid = lastClose * (1 + basis) * (1 + offset);
  const levels = VENUE_BOOK_LEVELS[venue];
  const cacheKey = `${venue}/${asset}`;
  const key = `${mid}/${levels}/${marketDepth2PctUsd}`;
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
        depth2PctUsd: marketDepth2PctUsd * VENUE_SHARE[venue],
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
