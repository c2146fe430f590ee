import { CrossAssetInputError } from './errors.js';
import type { Matrix } from './types.js';

export interface EwmaCovarianceParams {
  /** `returns[a][t]`, all of the same length (synchronous returns). */
  readonly returns: readonly ArrayLike<number>[];
  /** Decay λ in (0, 1), hourly. */
  readonly lambda: number;
  /** Number of first returns whose mean outer product seeds the recursion (≥ 1). */
  readonly seedCount: number;
  /** Use only the first `end` returns (exclusive); absent = all. Lets callers look back in time. */
  readonly end?: number;
}

export interface EwmaCovarianceResult {
  /** Σ, hourly covariance of log returns (per hour). Null when fewer than `seedCount` returns. */
  readonly covariance: Matrix | null;
  /** Returns used. */
  readonly count: number;
}

/**
 * EWMA covariance of synchronous returns (RiskMetrics 1996; docs/cross-asset.md):
 * `Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ`, zero mean, seeded with the mean of `r rᵀ` over the first
 * `seedCount` returns. Every step adds a positive multiple of a rank-one PSD matrix to a PSD one,
 * so Σ is symmetric positive semi-definite up to rounding.
 * Units: hourly variance (per hour). Valid: λ in (0, 1), finite returns.
 * @throws CrossAssetInputError on λ outside (0, 1), a seed count below 1, or ragged return arrays.
 */
export function ewmaCovariance({
  returns,
  lambda,
  seedCount,
  end,
}: EwmaCovarianceParams): EwmaCovarianceResult {
  if (!(lambda > 0 && lambda < 1))
    throw new CrossAssetInputError(`lambda: ${lambda} is not allowed; expected a number in (0, 1)`);
  if (!(Number.isInteger(seedCount) && seedCount >= 1))
    throw new CrossAssetInputError(`seedCount: ${seedCount} is not allowed; expected an integer ≥ 1`);
  const k = returns.length;
  const len = returns[0]?.length ?? 0;
  for (let a = 1; a < k; a++)
    if (returns[a]!.length !== len)
      throw new CrossAssetInputError(
        `returns[${a}]: ${returns[a]!.length} returns, expected ${len} like returns[0]; returns must be synchronous`,
      );
  const n = end === undefined ? len : Math.max(0, Math.min(len, end));
  if (n < seedCount || k === 0) return { covariance: null, count: n };
  const cov = Array.from({ length: k }, () => new Float64Array(k));
  for (let t = 0; t < seedCount; t++)
    for (let i = 0; i < k; i++) {
      const ri = returns[i]![t]!;
      for (let j = i; j < k; j++) cov[i]![j]! += (ri * returns[j]![t]!) / seedCount;
    }
  const w = 1 - lambda;
  for (let t = seedCount; t < n; t++)
    for (let i = 0; i < k; i++) {
      const ri = returns[i]![t]!;
      const row = cov[i]!;
      for (let j = i; j < k; j++) row[j] = lambda * row[j]! + w * ri * returns[j]![t]!;
    }
  const covariance = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (j >= i ? cov[i]![j]! : cov[j]![i]!)),
  );
  return { covariance, count: n };
}
