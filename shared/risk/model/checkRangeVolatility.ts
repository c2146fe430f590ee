import type { RiskSeries } from '../series/RiskSeries.js';
import type { RiskReason } from '../types.js';
import { NO_REASONS } from './noReasons.js';

export interface CheckRangeVolatilityResult {
  /** Parkinson hourly volatility over the last 24 / 168 bars, per √hour. */
  readonly rangeVol24h: number | null;
  readonly rangeVol168h: number | null;
  /** `σ_fast / Parkinson(24 h)` outside `[1/rangeVolMaxRatio, rangeVolMaxRatio]`: a data-quality flag. */
  readonly disagreement: boolean;
  readonly reasons: readonly RiskReason[];
}

/**
 * Range-based cross-check of the EWMA volatility (docs/methodology.md §3.3): Parkinson over the last
 * 24 and 168 bars is stored; a ratio to σ_fast beyond `maxRatio` either way raises a flag.
 */
export function checkRangeVolatility(
  series: RiskSeries,
  sigmaFast: number | null,
  maxRatio: number,
  explain = true,
): CheckRangeVolatilityResult {
  const rangeVol24h = series.rangeVolatility(24);
  const rangeVol168h = series.rangeVolatility(168);
  const reasons: RiskReason[] | null = explain ? [] : null;
  let disagreement = false;
  if (sigmaFast !== null && sigmaFast > 0 && rangeVol24h !== null && rangeVol24h > 0) {
    const ratio = sigmaFast / rangeVol24h;
    if (ratio > maxRatio || ratio < 1 / maxRatio) {
      disagreement = true;
      reasons?.push({
        stage: 'quality',
        code: 'rangeVolDisagreement',
        detail: `σ_fast / Parkinson(24h) = ${ratio.toPrecision(4)}, outside [1/${maxRatio}, ${maxRatio}]`,
      });
    }
  }
  return { rangeVol24h, rangeVol168h, disagreement, reasons: reasons ?? NO_REASONS };
}
