import type { Level } from '../types.js';

export interface DepthWithinParams {
  /** Bids in USD, best first. */
  readonly bids: readonly Level[];
  /** USD. */
  readonly referencePrice: number;
  /** Band below the reference, fraction. @default 0.02 */
  readonly fraction?: number;
}

/** USD value `Σ pᵢ qᵢ` of bids priced ≥ `(1 − fraction) × reference` (METHOD.md §5). Range ≥ 0. */
export function depthWithin({ bids, referencePrice, fraction = 0.02 }: DepthWithinParams): number {
  const floor = (1 - fraction) * referencePrice;
  let usd = 0;
  for (const [price, size] of bids) {
    if (price < floor) break;
    usd += price * size;
  }
  return usd;
}
