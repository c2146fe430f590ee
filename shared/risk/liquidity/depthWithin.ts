import type { Level } from '../../market/types.js';

/**
 * USD value of the bids priced at or above `(1 − band) × reference` (METHOD.md §5, band = 2 %).
 * Bids in USD, any order. Units: USD. Range: ≥ 0.
 */
export function depthWithin(bids: readonly Level[], referencePrice: number, band: number): number {
  const floor = (1 - band) * referencePrice;
  let usd = 0;
  for (const [price, size] of bids) if (price >= floor) usd += price * size;
  return usd;
}
