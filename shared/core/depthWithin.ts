import type { Level } from './types.js';

export interface DepthWithinParams {
  /** Bids in USD, in any order (every level is read; no sort order is assumed). */
  readonly bids: readonly Level[];
  /** Reference price, USD. */
  readonly referencePrice: number;
  /** Band below the reference, fraction in [0, 1]; callers pass `DEFAULTS.depthBand` (2 %). */
  readonly band: number;
}

/**
 * Depth within the band (docs/methodology.md §5): the USD value `Σ pᵢ qᵢ` of the bids priced at or
 * above `(1 − band) × reference`. Every level is scanned, so an unsorted or partly sorted book gives
 * the same figure as a sorted one. Units: USD. Range: ≥ 0.
 */
export function depthWithin({ bids, referencePrice, band }: DepthWithinParams): number {
  const floor = (1 - band) * referencePrice;
  let usd = 0;
  for (const [price, size] of bids) if (price >= floor) usd += price * size;
  return usd;
}
