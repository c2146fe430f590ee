/**
 * Liquidation bonus before governance bounds (docs/methodology.md §6): `LB = slip(Q) + fee + gasBuffer`,
 * what a liquidator needs to cover the sale. Units: fractions. Range: ≥ 0.
 */
export function liquidationBonus(slip: number, fee: number, gasBuffer: number): number {
  return slip + fee + gasBuffer;
}
