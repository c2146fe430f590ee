import type { AssetConfig } from '../../config/assetsConfig.js';
import { studentTQuantile } from '../quantile/studentTQuantile.js';
import type { RiskSeries } from '../series/RiskSeries.js';
import type { RiskReason } from '../types.js';
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
 * exist (flagged).
 */
export function standardisedDropQuantiles(
  series: RiskSeries,
  config: AssetConfig,
  horizonHours: number,
  explain = true,
): StandardisedDropQuantilesResult {
  const minZ = config.fhsMinDays * 24;
  const fhsLt = series.fhsQuantile(horizonHours, config.alphaLt);
  const fhsLtv = series.fhsQuantile(config.reactionHours, config.alphaLtv);
  const fallbackLt = fhsLt.count < minZ || !Number.isFinite(fhsLt.k);
  const fallbackLtv = fhsLtv.count < minZ || !Number.isFinite(fhsLtv.k);
  const kLt = fallbackLt ? studentTQuantile(config.alphaLt, config.studentTNu) : fhsLt.k;
  const kLtv = fallbackLtv ? studentTQuantile(config.alphaLtv, config.studentTNu) : fhsLtv.k;
  const fallback = fallbackLt || fallbackLtv;
  const reasons: RiskReason[] | null = explain ? [] : null;
  if (fallback) {
    reasons?.push({
      stage: 'model',
      code: 'fhsFallback',
      param: 'q',
      detail: `${Math.min(fhsLt.count, fhsLtv.count)} standardised drops < ${minZ} (fhsMinDays ${config.fhsMinDays}); Student-t(ν=${config.studentTNu}) quantile used`,
    });
  }
  return {
    kLt,
    kLtv,
    zCountLt: fhsLt.count,
    zCountLtv: fhsLtv.count,
    fallback,
    reasons: reasons ?? NO_REASONS,
  };
}
