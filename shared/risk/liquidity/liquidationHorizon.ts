export interface LiquidationHorizonParams {
  /** Liquidation size Q, USD. */
  readonly sizeUsd: number;
  /** Average hourly USD volume V_h over the volume window. */
  readonly hourlyVolumeUsd: number;
  /** Participation ρ ∈ (0, 1]. */
  readonly participation: number;
  readonly baseHours: number;
  readonly maxHours: number;
}

/**
 * Liquidation horizon (docs/methodology.md §5): `H = H_base + Q / (ρ · V_h)` hours, capped at `maxHours`.
 * With no volume at all the cap applies. Units: hours (real). Range: [baseHours, maxHours].
 */
export function liquidationHorizon({
  sizeUsd,
  hourlyVolumeUsd,
  participation,
  baseHours,
  maxHours,
}: LiquidationHorizonParams): number {
  if (!(hourlyVolumeUsd > 0)) return maxHours;
  return Math.min(maxHours, baseHours + sizeUsd / (participation * hourlyVolumeUsd));
}
