import type { ApcMode } from '../../config/assetsConfig.js';

export interface MarginVolatilityParams {
  readonly mode: ApcMode;
  /** σ_fast, hourly. */
  readonly sigmaFast: number;
  /** Highest rolling stress-window volatility of the look-back (null when not yet known). */
  readonly sigmaStress: number | null;
  /** Volatility of all history (null when not yet known). */
  readonly sigmaLongRun: number | null;
  /** Weight w of `stressWeight`. */
  readonly stressWeight: number;
  /** Factor f of `floor`. */
  readonly floorFactor: number;
}

/**
 * σ used by the drop quantile under the APC mode (docs/methodology.md §3, EMIR RTS Art. 28):
 * - `stressWeight` (28(b)): `σ_margin = max(σ_fast, (1 − w) σ_fast + w σ_stress)`;
 * - `floor` (28(c)): `σ_margin = max(σ_fast, f · σ_longrun)`;
 * - `buffer` and `none`: `σ_margin = σ_fast` (the buffer acts on the quantile, see applyApcBuffer).
 * A missing σ_stress / σ_longrun falls back to σ_fast. Units: per √hour. Range: ≥ σ_fast.
 */
export function marginVolatility({
  mode,
  sigmaFast,
  sigmaStress,
  sigmaLongRun,
  stressWeight,
  floorFactor,
}: MarginVolatilityParams): number {
  if (mode === 'stressWeight' && sigmaStress !== null)
    return Math.max(sigmaFast, (1 - stressWeight) * sigmaFast + stressWeight * sigmaStress);
  if (mode === 'floor' && sigmaLongRun !== null) return Math.max(sigmaFast, floorFactor * sigmaLongRun);
  return sigmaFast;
}
