import { CrossAssetInputError } from './errors.js';

export interface EwmaVolatilityPathParams {
  /** Hourly-equivalent log returns of one asset, oldest first. */
  readonly returns: ArrayLike<number>;
  /** Decay λ in (0, 1), hourly. */
  readonly lambda: number;
  /** Returns whose mean square seeds the recursion (≥ 1). */
  readonly seedCount: number;
}

/**
 * EWMA volatility after each return (docs/methodology.md §3): `σ²_t = λ σ²_{t−1} + (1 − λ) r²_t`,
 * seeded with the mean of `r²` over the first `seedCount` returns — the engine's σ_fast recursion.
 * Element `t` is σ after return `t`; NaN before the seed is complete.
 * Units: per √hour. Range: ≥ 0 (NaN while unseeded).
 * @throws CrossAssetInputError on λ outside (0, 1) or a seed count below 1.
 */
export function ewmaVolatilityPath({ returns, lambda, seedCount }: EwmaVolatilityPathParams): Float64Array {
  if (!(lambda > 0 && lambda < 1))
    throw new CrossAssetInputError(`lambda: ${lambda} is not allowed; expected a number in (0, 1)`);
  if (!(Number.isInteger(seedCount) && seedCount >= 1))
    throw new CrossAssetInputError(`seedCount: ${seedCount} is not allowed; expected an integer ≥ 1`);
  const n = returns.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let variance = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    if (t < seedCount) {
      variance += (r * r) / seedCount;
      if (t === seedCount - 1) out[t] = Math.sqrt(variance);
      continue;
    }
    variance = lambda * variance + (1 - lambda) * r * r;
    out[t] = Math.sqrt(variance);
  }
  return out;
}
