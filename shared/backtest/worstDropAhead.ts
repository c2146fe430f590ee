import { HOUR_MS } from '../core/time.js';
import type { Candle } from '../core/types.js';

/**
 * Worst drop over the next H hours from candle `j` (docs/methodology.md §4, §9), on closes:
 * `δ_j(H) = 1 − min_{ts_j < ts_s ≤ ts_j + H h} C_s / C_j`. Null when the window is not complete in
 * the data (it ends after the last candle) or holds no candle (a gap longer than H).
 * Units: fraction. Range: (−∞, 1); negative when every later close is higher.
 */
export function worstDropAhead(candles: readonly Candle[], j: number, horizonHours: number): number | null {
  const start = candles[j]![0];
  const end = start + horizonHours * HOUR_MS;
  const last = candles[candles.length - 1]![0];
  if (end > last) return null;
  let min = Number.POSITIVE_INFINITY;
  for (let s = j + 1; s < candles.length && candles[s]![0] <= end; s++) min = Math.min(min, candles[s]![4]);
  if (min === Number.POSITIVE_INFINITY) return null;
  return 1 - min / candles[j]![4];
}
