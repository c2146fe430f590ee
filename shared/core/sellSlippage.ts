import type { Level } from './types.js';

export interface SellSlippageParams {
  /** Bids in USD, best (highest) first. */
  readonly bids: readonly Level[];
  /** Reference price in USD. */
  readonly referencePrice: number;
  /** Size to sell, in USD at the reference price. */
  readonly sizeUsd: number;
}

export interface SellSlippageResult {
  /** `1 − VWAP / referencePrice` over the filled part; 0 when nothing could be filled. */
  readonly slippage: number;
  /** Volume-weighted average fill price in USD (NaN-free: equals referencePrice when nothing filled). */
  readonly vwap: number;
  /** USD notional (at the reference price) that the visible book absorbed. */
  readonly filledUsd: number;
  /** True when the visible bids were exhausted before `sizeUsd` was sold. */
  readonly exhausted: boolean;
  /**
   * How many levels, from the best, the walk read. Any other book with these same first levels
   * walks to the same result, bit for bit (toRiskInputs stores only them).
   */
  readonly levelsRead: number;
}

/**
 * Walks the bid side to sell `sizeUsd` worth of the asset (docs/methodology.md §5):
 * `VWAP(Q) = Σ pᵢ qᵢ / Σ qᵢ`, `slip(Q) = 1 − VWAP(Q) / reference`.
 *
 * The size is measured in base units at the reference price (`Q / reference`), so selling
 * deeper into the book costs more. Monotone in `Q`: a larger size never gives a smaller slippage.
 */
export function sellSlippage({ bids, referencePrice, sizeUsd }: SellSlippageParams): SellSlippageResult {
  if (!(referencePrice > 0)) throw new RangeError(`referencePrice must be > 0, got ${referencePrice}`);
  if (!(sizeUsd >= 0)) throw new RangeError(`sizeUsd must be >= 0, got ${sizeUsd}`);
  let remainingBase = sizeUsd / referencePrice;
  let filledBase = 0;
  let proceeds = 0;
  let levelsRead = 0;
  for (const [price, size] of bids) {
    if (remainingBase <= 0) break;
    levelsRead += 1;
    const take = Math.min(size, remainingBase);
    filledBase += take;
    proceeds += take * price;
    remainingBase -= take;
  }
  if (filledBase === 0)
    return { slippage: 0, vwap: referencePrice, filledUsd: 0, exhausted: sizeUsd > 0, levelsRead };
  const vwap = proceeds / filledBase;
  return {
    slippage: Math.max(0, 1 - vwap / referencePrice),
    vwap,
    filledUsd: filledBase * referencePrice,
    exhausted: remainingBase > 1e-12 * (sizeUsd / referencePrice),
    levelsRead,
  };
}
