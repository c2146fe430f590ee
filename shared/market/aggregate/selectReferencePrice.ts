import type { VenueId } from '../../core/venues.js';
import type { VenueExclusionReason } from '../types.js';
import { median } from './median.js';

/** One venue's top of book in USD and its freshness timestamp. */
export interface VenueQuote {
  readonly venue: VenueId;
  /** Best bid in USD; undefined when the bid side is empty. */
  readonly bestBid: number | undefined;
  /** Best ask in USD; undefined when the ask side is empty. */
  readonly bestAsk: number | undefined;
  /** ms UTC */
  readonly ts: number;
}

export interface SelectReferencePriceParams {
  readonly quotes: readonly VenueQuote[];
  /** Collection time, ms UTC. */
  readonly nowMs: number;
  /** Data older than this is stale, ms (default 2 × cycle period). */
  readonly maxAgeMs: number;
  /** Timestamps further ahead of `nowMs` than this are rejected, ms. */
  readonly maxFutureSkewMs: number;
  /** Mid rejected when `|mid / median − 1| > maxDeviation` (fraction, e.g. 0.02). */
  readonly maxDeviation: number;
  /** Venues required to survive; the caller caps it at the number configured. */
  readonly minVenues: number;
}

export interface VenueExclusion {
  readonly venue: VenueId;
  readonly reason: VenueExclusionReason;
  readonly detail: string;
}

export interface SelectReferencePriceResult {
  /** Median of surviving mids, USD; null when none survived. */
  readonly referencePrice: number | null;
  /** Surviving venues with their mid. */
  readonly accepted: readonly { readonly venue: VenueId; readonly mid: number }[];
  readonly excluded: readonly VenueExclusion[];
  /** Below quorum. */
  readonly degraded: boolean;
}

/**
 * Reference price (docs/methodology.md §2). Order of checks per venue: empty side → crossed (bid ≥ ask) →
 * stale (`now − ts > maxAgeMs`) → future timestamp. Then the median `m₀` of the remaining mids; a venue
 * with `|mid/m₀ − 1| > maxDeviation` is an outlier; the reference is the median of the survivors.
 *
 * Robustness: with n ≥ 3 valid venues and one manipulated, the result lies within the honest venues'
 * mid range (a median moves by at most one order statistic). Units: USD. Range: > 0 or null.
 */
export function selectReferencePrice({
  quotes,
  nowMs,
  maxAgeMs,
  maxFutureSkewMs,
  maxDeviation,
  minVenues,
}: SelectReferencePriceParams): SelectReferencePriceResult {
  const excluded: VenueExclusion[] = [];
  const valid: { venue: VenueId; mid: number }[] = [];
  for (const q of quotes) {
    if (q.bestBid === undefined || q.bestAsk === undefined) {
      excluded.push({
        venue: q.venue,
        reason: 'emptyBook',
        detail: `book has no ${q.bestBid === undefined ? 'bids' : 'asks'}`,
      });
    } else if (q.bestBid >= q.bestAsk) {
      excluded.push({
        venue: q.venue,
        reason: 'crossedBook',
        detail: `best bid ${q.bestBid} >= best ask ${q.bestAsk}`,
      });
    } else if (nowMs - q.ts > maxAgeMs) {
      excluded.push({
        venue: q.venue,
        reason: 'stale',
        detail: `data is ${Math.round((nowMs - q.ts) / 1000)} s old, more than the ${Math.round(maxAgeMs / 1000)} s allowed`,
      });
    } else if (q.ts - nowMs > maxFutureSkewMs) {
      excluded.push({
        venue: q.venue,
        reason: 'futureTimestamp',
        detail: `timestamp is ${Math.round((q.ts - nowMs) / 1000)} s ahead of the collector clock`,
      });
    } else {
      valid.push({ venue: q.venue, mid: (q.bestBid + q.bestAsk) / 2 });
    }
  }
  if (valid.length === 0) return { referencePrice: null, accepted: [], excluded, degraded: true };
  const m0 = median(valid.map((v) => v.mid));
  const accepted: { venue: VenueId; mid: number }[] = [];
  for (const v of valid) {
    const deviation = v.mid / m0 - 1;
    if (Math.abs(deviation) > maxDeviation) {
      excluded.push({
        venue: v.venue,
        reason: 'outlier',
        detail: `mid ${v.mid} is ${(deviation * 100).toFixed(2)}% from the median ${m0}, beyond ±${(maxDeviation * 100).toFixed(2)}%`,
      });
    } else {
      accepted.push(v);
    }
  }
  const referencePrice = accepted.length === 0 ? null : median(accepted.map((v) => v.mid));
  return { referencePrice, accepted, excluded, degraded: accepted.length < minVenues };
}
