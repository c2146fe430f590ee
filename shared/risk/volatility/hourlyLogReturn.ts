import { HOUR_MS } from '../../core/time.js';

export interface HourlyLogReturnParams {
  readonly prevTs: number;
  readonly prevClose: number;
  readonly ts: number;
  readonly close: number;
}

/**
 * Hourly-equivalent log return between two consecutive candles (docs/methodology.md §3):
 * `r = ln(C_t / C_prev) / √g`, `g = (ts − prevTs) / 1 h` the spacing in hours.
 *
 * Without gaps `g = 1` and this is the plain log return. A missing hour is skipped, never filled
 * with a zero return; the move across the gap is kept and expressed per √hour so the EWMA stays an
 * hourly variance (a g-hour return has g times the variance of an hourly one under a random walk).
 * Units: per √hour, dimensionless. Range: any finite real.
 */
export function hourlyLogReturn({ prevTs, prevClose, ts, close }: HourlyLogReturnParams): number {
  const gapHours = (ts - prevTs) / HOUR_MS;
  const r = Math.log(close / prevClose);
  // Both computed every time (the scaled one is unused without a gap): the optimising compiler then
  // does not meet the division first at the first gap of a walk and recompile the caller there.
  const perHour = r / Math.sqrt(gapHours);
  return gapHours === 1 ? r : perHour;
}
