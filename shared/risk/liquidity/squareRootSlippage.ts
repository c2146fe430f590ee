export interface SquareRootSlippageParams {
  /** Relative bid-ask spread `(ask − bid) / mid`. */
  readonly spread: number;
  /** Daily volatility σ_daily (fraction). */
  readonly sigmaDaily: number;
  /** Liquidation size Q, USD. */
  readonly sizeUsd: number;
  /** Average daily USD volume. */
  readonly advUsd: number;
  /** Impact coefficient Y (≈ 0.7 in Almgren et al. 2005). */
  readonly impactY: number;
}

/**
 * Square-root market-impact law (docs/methodology.md §5): `slip ≈ ½ spread + Y · σ_daily · √(Q / ADV)`.
 * Used when Q exceeds the visible book and, in backtests, in place of a book.
 * Units: fraction of price. Range: [0, 1] (capped at 1: a sale cannot lose more than the price);
 * 1 when there is no volume.
 */
export function squareRootSlippage({
  spread,
  sigmaDaily,
  sizeUsd,
  advUsd,
  impactY,
}: SquareRootSlippageParams): number {
  if (!(advUsd > 0)) return 1;
  return Math.min(1, Math.max(0, 0.5 * spread + impactY * sigmaDaily * Math.sqrt(sizeUsd / advUsd)));
}
