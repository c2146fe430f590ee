/**
 * Drop quantile over H hours (docs/methodology.md §4): `q_H(α) = 1 − exp(−k_α(H) · σ · √H)`.
 *
 * `k` the standardised α-quantile of worst drops, `σ` hourly volatility (per √hour), `H` hours.
 * Units: fraction of price. Range: (−∞, 1); 0 for k·σ = 0. A negative `k` (never for α ≥ 0.9 on
 * real data) would give a negative q, which callers floor at 0.
 */
export function dropQuantile(k: number, sigma: number, horizonHours: number): number {
  return 1 - Math.exp(-k * sigma * Math.sqrt(horizonHours));
}
