import type { Matrix } from './types.js';

/**
 * Correlation from covariance: `ρ_ij = Σ_ij / √(Σ_ii Σ_jj)`, clamped to [−1, 1] against rounding,
 * exactly 1 on the diagonal. A pair involving an asset with zero variance has no defined
 * correlation: it is reported as 0 (and 1 on the diagonal).
 * Units: dimensionless. Range: [−1, 1], symmetric.
 */
export function covarianceToCorrelation(covariance: Matrix): number[][] {
  const k = covariance.length;
  const sd = covariance.map((row, i) => Math.sqrt(Math.max(0, row[i]!)));
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      if (i === j) return 1;
      const d = sd[i]! * sd[j]!;
      if (!(d > 0)) return 0;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      return Math.max(-1, Math.min(1, covariance[a]![b]! / d));
    }),
  );
}
