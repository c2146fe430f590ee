import { CrossAssetInputError } from './errors.js';
import type { AlignedReturns } from './types.js';

const HOUR_MS = 3_600_000;

export interface StressedCorrelationParams {
  readonly aligned: AlignedReturns;
  /** Rolling window length, hours (7 days = 168). */
  readonly windowHours: number;
  /** Windows ending within this many hours before the last return are considered (1 year = 8760). */
  readonly lookbackHours: number;
  /** A window counts only with at least `minCoverage · windowHours` returns, in (0, 1]. */
  readonly minCoverage: number;
}

export interface StressedCorrelationResult {
  /** Highest rolling correlation per pair (1 on the diagonal); null where no window qualified. */
  readonly correlation: (number | null)[][];
  /** End (open time of the last candle) of the window that gave each maximum; null likewise. */
  readonly at: (number | null)[][];
  /** Windows evaluated. */
  readonly windows: number;
}

/**
 * Stressed correlation (docs/cross-asset.md): for each pair, the highest correlation over the
 * rolling windows of `windowHours` (calendar hours, ending at each synchronous hour) of the
 * trailing `lookbackHours`. Within a window the correlation is the zero-mean one of the EWMA,
 * `ρ = Σ r_i r_j / √(Σ r_i² Σ r_j²)`, kept by running sums (O(k²) per hour).
 * Units: dimensionless. Range: [−1, 1] per pair, symmetric.
 * @throws CrossAssetInputError on a non-positive window or lookback or a coverage outside (0, 1].
 */
export function stressedCorrelation({
  aligned,
  windowHours,
  lookbackHours,
  minCoverage,
}: StressedCorrelationParams): StressedCorrelationResult {
  if (!(windowHours >= 1))
    throw new CrossAssetInputError(`windowHours: ${windowHours} is not allowed; expected ≥ 1`);
  if (!(lookbackHours >= 0))
    throw new CrossAssetInputError(`lookbackHours: ${lookbackHours} is not allowed; expected ≥ 0`);
  if (!(minCoverage > 0 && minCoverage <= 1))
    throw new CrossAssetInputError(`minCoverage: ${minCoverage} is not allowed; expected a number in (0, 1]`);
  const { ts, returns } = aligned;
  const k = returns.length;
  const n = ts.length;
  const best: (number | null)[][] = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (i === j ? 1 : null)),
  );
  const at: (number | null)[][] = Array.from({ length: k }, () => Array.from({ length: k }, () => null));
  if (n === 0) return { correlation: best, at, windows: 0 };
  const last = ts[n - 1]!;
  const firstEnd = last - lookbackHours * HOUR_MS;
  const minCount = Math.ceil(minCoverage * windowHours - 1e-9);
  const sums = Array.from({ length: k }, () => new Float64Array(k));
  // Non-zero returns of each asset in the window. Removing a return from a running sum leaves a
  // rounding residue, so a window whose returns are all zero (a flat price) could show a variance
  // of 1e-18 and a spurious correlation; when an asset's count drops to 0 its row and column are
  // exactly 0 again.
  const nonZero = new Int32Array(k);
  const update = (t: number, sign: number): void => {
    for (let i = 0; i < k; i++) {
      const ri = sign * returns[i]![t]!;
      const row = sums[i]!;
      for (let j = i; j < k; j++) row[j]! += ri * returns[j]![t]!;
      if (returns[i]![t]! !== 0) nonZero[i]! += sign;
    }
    if (sign > 0) return;
    for (let i = 0; i < k; i++) {
      if (nonZero[i] !== 0) continue;
      for (let j = 0; j < k; j++) {
        if (j >= i) sums[i]![j] = 0;
        else sums[j]![i] = 0;
      }
    }
  };
  let start = 0;
  let windows = 0;
  for (let t = 0; t < n; t++) {
    update(t, 1);
    while (ts[start]! <= ts[t]! - windowHours * HOUR_MS) {
      update(start, -1);
      start += 1;
    }
    if (ts[t]! < firstEnd || t - start + 1 < minCount) continue;
    windows += 1;
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++) {
        const d = Math.sqrt(Math.max(0, sums[i]![i]!) * Math.max(0, sums[j]![j]!));
        if (!(d > 0)) continue;
        const rho = Math.max(-1, Math.min(1, sums[i]![j]! / d));
        const current = best[i]![j]!;
        if (current === null || rho > current) {
          best[i]![j] = rho;
          best[j]![i] = rho;
          at[i]![j] = ts[t]!;
          at[j]![i] = ts[t]!;
        }
      }
  }
  return { correlation: best, at, windows };
}
