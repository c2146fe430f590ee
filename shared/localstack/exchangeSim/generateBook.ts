import type { Level } from '../../core/types.js';
import { createPrng } from './createPrng.js';

export interface GenerateBookParams {
  readonly seed: number;
  readonly asset: string;
  readonly venue: string;
  /** Venue mid, in quote units. */
  readonly mid: number;
  /** Levels per side the venue's full book has. */
  readonly levels: number;
  /** Target USD value of bids within 2% below mid (asks mirror it). */
  readonly depth2PctUsd: number;
}

export interface GeneratedBook {
  readonly bids: Level[];
  readonly asks: Level[];
  /** Decimals of prices, so the venue renders a tick-aligned decimal string. */
  readonly priceDecimals: number;
}

/** Half spread as a fraction of mid: 1.5 bp (wider than the ±1 bp venue basis, so venues never cross each other). */
const HALF_SPREAD = 0.00015;
/** The full book spans ±4% of mid, whatever the level count: deeper books are finer. */
const SPAN = 0.04;

/**
 * A deterministic L2 book around `mid`: level i at `mid·(1 ∓ (halfSpread + i·SPAN/levels))`; sizes
 * from a seeded uniform weight growing with distance (liquidity thickens away from the touch),
 * scaled so that bids within 2% of mid are worth `depth2PctUsd`. Same (seed, asset, venue) → same
 * shape; only the mid moves it.
 */
export function generateBook({
  seed,
  asset,
  venue,
  mid,
  levels,
  depth2PctUsd,
}: GenerateBookParams): GeneratedBook {
  const step = SPAN / levels;
  // Tick: a power of ten at most a tenth of the level spacing, so rounding keeps levels distinct.
  const priceDecimals = Math.max(2, Math.ceil(-Math.log10(mid * step)) + 1);
  const round = (p: number) => Number(p.toFixed(priceDecimals));
  const rng = createPrng(seed, asset, venue, 'book');
  const weights: number[] = [];
  for (let i = 0; i < levels; i += 1) weights.push((0.3 + 1.4 * rng.next()) * (1 + (2 * i) / levels));
  let usdWithin = 0;
  for (let i = 0; i < levels; i += 1) {
    const price = mid * (1 - HALF_SPREAD - i * step);
    if (price < 0.98 * mid) break;
    usdWithin += weights[i]! * price;
  }
  const scale = depth2PctUsd / usdWithin;
  const bids: Level[] = [];
  const asks: Level[] = [];
  for (let i = 0; i < levels; i += 1) {
    const size = Number((weights[i]! * scale).toPrecision(8));
    bids.push([round(mid * (1 - HALF_SPREAD - i * step)), size]);
    asks.push([round(mid * (1 + HALF_SPREAD + i * step)), size]);
  }
  return { bids, asks, priceDecimals };
}
