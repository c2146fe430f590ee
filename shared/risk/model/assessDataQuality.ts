import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../core/time.js';
import type { RiskSeries } from '../series/RiskSeries.js';
import type { RiskReason } from '../types.js';
import type { Mutable } from '../engine/createCycleScratch.js';
import { NO_REASONS } from './noReasons.js';

export interface AssessDataQualityParams {
  readonly series: RiskSeries;
  readonly config: AssetConfig;
  readonly asOf: number;
  readonly sigmaFast: number | null;
  readonly qualityDegraded: boolean;
  readonly qualityReasons: readonly string[];
  /** Build the reasons (docs/methodology.md §8); the backtest, which reads none, turns it off. @default true */
  readonly explain?: boolean;
}

export interface AssessDataQualityResult {
  /** Hours from the first candle's open to `asOf` (0 without candles). */
  readonly historyHours: number;
  /** Market quality degraded, or the last candle closed more than `maxCandleAgeHours` before `asOf`. */
  readonly degraded: boolean;
  /** Fewer than `minHistoryDays` of candles, or no seeded positive EWMA: eligibility freezes. */
  readonly insufficientHistory: boolean;
  readonly reasons: readonly RiskReason[];
}

/**
 * Data quality of one cycle (docs/methodology.md §2, §6 eligibility): market-quality reasons passed
 * through, stale reference candles (degraded: parameters only tighten) and insufficient history.
 * With `out` (a cycle scratch), the result is written there instead of a new object.
 */
export function assessDataQuality(
  params: AssessDataQualityParams,
  out?: Mutable<AssessDataQualityResult>,
): AssessDataQualityResult {
  const { series, config, asOf, sigmaFast, explain = true } = params;
  const reasons: RiskReason[] | null = explain ? [] : null;
  const t = series.length - 1;
  const historyHours = t < 0 ? 0 : (asOf - series.firstTs) / HOUR_MS;
  let degraded = params.qualityDegraded;
  if (reasons !== null)
    for (const reason of params.qualityReasons)
      reasons.push({ stage: 'quality', code: 'marketQuality', detail: reason });
  if (t >= 0) {
    const ageHours = (asOf - (series.lastTs + HOUR_MS)) / HOUR_MS;
    if (ageHours > config.maxCandleAgeHours) {
      degraded = true;
      reasons?.push({
        stage: 'quality',
        code: 'staleCandles',
        detail: `last candle closed ${ageHours} h before asOf (allowed ${config.maxCandleAgeHours} h)`,
      });
    }
  }
  const insufficientHistory =
    t < 0 || historyHours < config.minHistoryDays * 24 || sigmaFast === null || !(sigmaFast > 0);
  if (insufficientHistory) {
    reasons?.push({
      stage: 'model',
      code: 'insufficientHistory',
      detail: `${historyHours.toFixed(0)} h of candles, ${config.minHistoryDays * 24} h needed (minHistoryDays ${config.minHistoryDays}) with a seeded, positive EWMA`,
    });
  }
  if (out === undefined)
    return { historyHours, degraded, insufficientHistory, reasons: reasons ?? NO_REASONS };
  out.historyHours = historyHours;
  out.degraded = degraded;
  out.insufficientHistory = insufficientHistory;
  out.reasons = reasons ?? NO_REASONS;
  return out;
}
