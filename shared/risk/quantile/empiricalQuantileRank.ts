/**
 * Rank (1-based) of the empirical α-quantile in a sample of size n, by inverting the empirical CDF
 * (Hyndman–Fan type 1): the smallest order statistic `x_(m)` with `F_n(x_(m)) ≥ α`, `m = ⌈α n⌉`.
 * A sample value, never interpolated, so the incremental and the batch computation return the very
 * same number. The tiny tolerance keeps `⌈0.95 · 20⌉ = 19` despite binary floating point.
 * Range: 1 ≤ m ≤ n for n ≥ 1.
 */
export function empiricalQuantileRank(n: number, alpha: number): number {
  return Math.min(n, Math.max(1, Math.ceil(alpha * n - 1e-9)));
}
