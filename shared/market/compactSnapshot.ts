import { createHash } from 'node:crypto';
import { DEFAULTS } from '../config/defaults.js';
import { MARKET_DEFAULTS } from './marketDefaults.js';
import type { ImpliedVol, Level } from '../core/types.js';
import type { QuoteCurrency, VenueId } from '../core/venues.js';
import type { MarketSnapshot, SnapshotSlippage, VenueExclusionReason } from './types.js';

export interface CompactSnapshotOptions {
  /** Consolidated bid levels kept. @default 50 */
  readonly topLevels?: number;
  /** Depth-curve points, bp below the reference. @default [10, 25, 50, 100, 200, 300, 500, 1000] */
  readonly depthCurveBps?: readonly number[];
  /** Time-to-live, days, for the DynamoDB TTL attribute. @default DEFAULTS.snapshotTtlDays (400) */
  readonly ttlDays?: number;
}

/** A snapshot small enough for one DynamoDB item: about 4–6 KB of JSON with the defaults. */
export interface CompactMarketSnapshot {
  readonly asset: string;
  readonly ts: number;
  readonly referencePrice: number | null;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly depth2PctUsd: number;
  readonly slippage: SnapshotSlippage | null;
  /** `[bpBelowReference, cumulativeBidUsd]`: USD value of consolidated bids priced ≥ reference·(1 − bp/10⁴). */
  readonly depthCurve: readonly (readonly [bps: number, usd: number])[];
  /** Best consolidated bid levels, USD price and base size. */
  readonly topBids: readonly Level[];
  /** Levels in the full consolidated bid book. */
  readonly bidLevels: number;
  /** Reference candles are not stored (≈ 250 KB for 200 days); their range and SHA-256 identify them. */
  readonly candles: {
    readonly count: number;
    readonly firstTs: number | null;
    readonly lastTs: number | null;
    readonly lastClose: number | null;
    /** SHA-256 hex of `JSON.stringify(candles)`. */
    readonly sha256: string;
  };
  readonly venues: readonly {
    readonly venue: VenueId;
    readonly ok: boolean;
    readonly mid?: number;
    readonly ts?: number;
    readonly bidLevels?: number;
    readonly excludedReason?: VenueExclusionReason;
    /** Truncated to 300 characters. */
    readonly detail?: string;
  }[];
  readonly quoteRates: Readonly<Record<QuoteCurrency, number>>;
  readonly quorum: MarketSnapshot['quorum'];
  readonly degraded: boolean;
  readonly reasons: readonly string[];
  /** Implied volatility collected with the snapshot, when any. */
  readonly impliedVol?: ImpliedVol;
  /** DynamoDB TTL attribute: epoch seconds after which the item may be deleted. */
  readonly expiresAt: number;
  /**
   * A pair's snapshot (docs/cross-asset.md): the legs' snapshots it was derived from, by key and
   * inputs hash. Absent on an asset's snapshot.
   */
  readonly legs?: {
    readonly collateral: SnapshotLeg;
    readonly debt: SnapshotLeg;
  };
}

/** One leg of a pair's snapshot: the stored snapshot it was read from. */
export interface SnapshotLeg {
  readonly asset: string;
  readonly ts: number;
  readonly inputsHash: string;
}

/**
 * The record of a cycle's market inputs kept in DynamoDB for replay and audit: every scalar the
 * engine used, a depth curve and the top of the consolidated book instead of full books, and the
 * reference candles by hash (they are reproducible from the venues' history).
 */
export function compactSnapshot(
  snapshot: MarketSnapshot,
  options: CompactSnapshotOptions = {},
): CompactMarketSnapshot {
  const topLevels = options.topLevels ?? MARKET_DEFAULTS.compactTopLevels;
  const curveBps = options.depthCurveBps ?? MARKET_DEFAULTS.compactDepthCurveBps;
  const ttlDays = options.ttlDays ?? DEFAULTS.snapshotTtlDays;
  const ref = snapshot.referencePrice;
  const depthCurve: [number, number][] = [];
  if (ref !== null) {
    // One pass over the bids (best first) filling each band in increasing depth order.
    const sorted = [...curveBps].sort((a, b) => a - b);
    let usd = 0;
    let i = 0;
    for (const bps of sorted) {
      const floor = ref * (1 - bps / 10_000);
      while (i < snapshot.bids.length && snapshot.bids[i]![0] >= floor) {
        usd += snapshot.bids[i]![0] * snapshot.bids[i]![1];
        i += 1;
      }
      depthCurve.push([bps, Math.round(usd)]);
    }
  }
  const first = snapshot.candles[0];
  const last = snapshot.candles[snapshot.candles.length - 1];
  return {
    asset: snapshot.asset,
    ts: snapshot.ts,
    referencePrice: snapshot.referencePrice,
    bestBid: snapshot.bestBid,
    bestAsk: snapshot.bestAsk,
    depth2PctUsd: snapshot.depth2PctUsd,
    slippage: snapshot.slippage,
    depthCurve,
    topBids: snapshot.bids.slice(0, topLevels),
    bidLevels: snapshot.bids.length,
    candles: {
      count: snapshot.candles.length,
      firstTs: first?.[0] ?? null,
      lastTs: last?.[0] ?? null,
      lastClose: last?.[4] ?? null,
      sha256: createHash('sha256').update(JSON.stringify(snapshot.candles)).digest('hex'),
    },
    venues: snapshot.venues.map((v) => ({
      venue: v.venue,
      ok: v.ok,
      ...(v.mid === undefined ? {} : { mid: v.mid }),
      ...(v.ts === undefined ? {} : { ts: v.ts }),
      ...(v.bidLevels === undefined ? {} : { bidLevels: v.bidLevels }),
      ...(v.excludedReason === undefined ? {} : { excludedReason: v.excludedReason }),
      ...(v.detail === undefined ? {} : { detail: v.detail.slice(0, 300) }),
    })),
    quoteRates: snapshot.quoteRates,
    quorum: snapshot.quorum,
    degraded: snapshot.degraded,
    reasons: snapshot.reasons,
    ...(snapshot.impliedVol === undefined ? {} : { impliedVol: snapshot.impliedVol }),
    expiresAt: Math.floor(snapshot.ts / 1000) + ttlDays * 86_400,
  };
}
