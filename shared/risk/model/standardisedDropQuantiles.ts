import type { AssetConfig } from '../../config/assetsConfig.js';
import { studentTQuantile } from '../quantile/studentTQuantile.js';
import type { RiskSeries } from '../series/RiskSeries.js';
import type { RiskReason } from '../types.js';
import type { Mutable } from '../engine/createCycleScratch.js';
import { NO_REASONS } from './noReasons.js';

export interface StandardisedDropQuantilesResult {
  /** k_α(H) for LT (horizon `horizonHours`, α_LT) and LTV (reaction time, α_LTV). */
  readonly kLt: number;
  readonly kLtv: number;
  /** Number of standardised drops behind each. */
  readonly zCountLt: number;
  readonly zCountLtv: number;
  /** Either quantile fell back to Student-t. */
  readonly fallback: boolean;
  readonly reasons: readonly RiskReason[];
}

/**
 * FHS standardised drop quantiles (docs/methodology.md §4): the empirical α-quantile of the `z`
 * known at `t`, or a unit-variance Student-t(ν) quantile while fewer than `fhsMinDays × 24` drops
 * exist (flagged). With `out` (a cycle scratch), the result is written there instead of a new object.
 */
export function standardisedDropQuantiles(
  series: RiskSeries,
  config: AssetConfig,
  horizonHours: number,
  explain = true,
  out?: Mutable<StandardisedDropQuantilesResult>,
): StandardisedDropQuantilesResult {
  const minZ = config.fhsMinDays * 24;
  // Value and count read apart (no object per read: this runs every backtest hour).
  const fhsLtK = series.fhsQuantileValue(horizonHours, config.alphaLt);
  const countLt = series.fhsCount(horizonHours);
  const fhsLtvK = series.fhsQuantileValue(config.reactionHours, config.alphaLtv);
  const countLtv = series.fhsCount(config.reactionHours);
  // Both tests every hour (not short-circuited): the optimising compiler then sees the finiteness
  // test from the first cycles on, instead of meeting it once the sample is large enough.
  const finiteLt = Number.isFinite(fhsLtK);
  const finiteLtv = Number.isFinite(fhsLtvK);
  const fallbackLt = countLt < minZ || !finiteLt;
  const fallbackLtv = countLtv < minZ || !finiteLtv;
  const kLt = fallbackLt ? studentTQuantile(config.alphaLt, config.studentTNu) : fhsLtK;
  const kLtv = fallbackLtv ? studentTQuantile(config.alphaLtv, config.studentTNu) : fhsLtvK;
  const fallback = fallbackLt || fallbackLtv;
  const reasons: RiskReason[] | null = explain ? [] : null;
  if (fallback) {
    reasons?.push({
      stage: 'model',
      code: 'fhsFallback',
      param: 'q',
      detail: `${Math.min(countLt, countLtv)} standardised drops < ${minZ} (fhsMinDays ${config.fhsMinDays}); Student-t(ν=${config.studentTNu}) quantile used`,
    });
  }
  if (out === undefined)
    return { kLt, kLtv, zCountLt: countLt, zCountLtv: countLtv, fallback, reasons: reasons ?? NO_REASONS };
  out.kLt = kLt;
  out.kLtv = kLtv;
  out.zCountLt = countLt;
  out.zCountLtv = countLtv;
  out.fallback = fallbackLt || fallbackLtv;
  out.reasons = reasons ?? NO_REASONS;
  return out;
}
