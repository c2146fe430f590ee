import type { Candle } from '../../core/types.js';

/**
 * Parkinson (1980) range-based volatility over the given bars:
 * `σ²_P = (1 / (4 ln 2 · n)) · Σ ln(High_i / Low_i)²`, returned as `σ_P` per √(bar length).
 *
 * Units: per √hour for hourly bars. Range: ≥ 0; null when `bars` is empty. Ignores bars with a
 * non-positive low. Used as a cross-check of the EWMA (a large disagreement is a data-quality flag),
 * not to set parameters.
 */
export function parkinsonVolatility(bars: readonly Candle[]): number | null {
  let sum = 0;
  let n = 0;
  for (const [, , high, low] of bars) {
    if (!(low > 0) || !(high >= low)) continue;
    const x = Math.log(high / low);
    sum += x * x;
    n += 1;
  }
  if (n === 0) return null;
  return Math.sqrt(sum / (4 * Math.LN2 * n));
}
