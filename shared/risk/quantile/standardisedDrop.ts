export interface StandardisedDropParams {
  /** Close at the start hour i. */
  readonly close: number;
  /** Lowest close over the following H hours `(i, i+H]`. */
  readonly minCloseAhead: number;
  /** σ_fast,i, hourly, known at the close of hour i. */
  readonly sigma: number;
  /** Horizon H in whole hours. */
  readonly horizonHours: number;
}

/**
 * Standardised worst drop (docs/methodology.md §4): `δ_i(H) = 1 − min_{i<s≤i+H} C_s / C_i`,
 * `z_i = −ln(1 − δ_i(H)) / (σ_fast,i · √H) = ln(C_i / min C_s) / (σ_fast,i · √H)`.
 *
 * Units: dimensionless (a drop measured in σ·√H). Range: any real; negative when the price stayed
 * above C_i for the whole window. Requires σ > 0 and positive prices.
 */
export function standardisedDrop({
  close,
  minCloseAhead,
  sigma,
  horizonHours,
}: StandardisedDropParams): number {
  return Math.log(close / minCloseAhead) / (sigma * Math.sqrt(horizonHours));
}
