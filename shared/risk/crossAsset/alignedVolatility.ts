import { alignedReturns } from './alignedReturns.js';
import { ewmaVolatilityPath } from './ewmaVolatilityPath.js';
import type { AlignedCloses } from './types.js';

export interface AlignedVolatilityParams {
  readonly aligned: AlignedCloses;
  /** EWMA decay λ in (0, 1), hourly (the engine's λ_fast). */
  readonly lambda: number;
  /** Returns that seed the EWMA (≥ 1). */
  readonly seedCount: number;
}

/**
 * Each asset's EWMA volatility at each synchronous hour (docs/methodology.md §3 and docs/cross-asset.md): element `h`
 * is σ after the return ending at hour `h` (NaN at hour 0 and until the seed is complete), the σ
 * that standardises a scenario starting at `h` in the multivariate FHS.
 * Units: per √hour. Range: ≥ 0 or NaN.
 */
export function alignedVolatility({ aligned, lambda, seedCount }: AlignedVolatilityParams): Float64Array[] {
  const { returns } = alignedReturns(aligned);
  return returns.map((r) => {
    const path = ewmaVolatilityPath({ returns: r, lambda, seedCount });
    const out = new Float64Array(aligned.ts.length).fill(Number.NaN);
    out.set(path, 1);
    return out;
  });
}
