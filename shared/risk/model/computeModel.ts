import type { AssetConfig } from '../../config/assetsConfig.js';
import type { ImpliedVol } from '../../core/types.js';
import { HOURS_PER_YEAR } from '../../core/time.js';
import { VOL_INDEX_MAX_BPS } from '../../core/volIndexMaxBps.js';
import { toBps } from '../params/toBps.js';
import type { RiskSeries } from '../series/RiskSeries.js';
import type {
  PublishedState,
  RiskBook,
  RiskFlags,
  RiskIntermediates,
  RiskParamsBps,
  RiskReason,
} from '../types.js';
import type { ModelSpec } from '../version/modelSpecFor.js';
import { MODEL_VERSION_V1 } from '../version/modelVersions.js';
import { assessDataQuality } from './assessDataQuality.js';
import { checkRangeVolatility, type CheckRangeVolatilityResult } from './checkRangeVolatility.js';
import { marginDropQuantiles, type MarginDropQuantilesResult } from './marginDropQuantiles.js';
import { modelLiquidity } from './modelLiquidity.js';
import { rawParams } from './rawParams.js';
import { standardisedDropQuantiles } from './standardisedDropQuantiles.js';
import { targetParams } from './targetParams.js';
import { NO_REASONS } from './noReasons.js';

export interface ComputeModelParams {
  /** History up to and including the last complete candle. */
  readonly series: RiskSeries;
  readonly config: AssetConfig;
  readonly asOf: number;
  readonly book: RiskBook | undefined;
  readonly qualityDegraded: boolean;
  readonly qualityReasons: readonly string[];
  readonly previous: PublishedState | undefined;
  readonly spec: ModelSpec;
  /** Implied volatility of the snapshot, if collected (v2). */
  readonly impliedVol?: ImpliedVol | undefined;
  /** Build the reasons (docs/methodology.md §8); the backtest, which reads none, turns it off. @default true */
  readonly explain?: boolean;
  /**
   * Run the range-volatility cross-check (docs/methodology.md §3.3): a flag and two intermediates,
   * never an input of a parameter. The backtest, whose rows carry neither, turns it off (two window
   * sums per hour); its fields are then null and the flag false. @default true
   */
  readonly rangeCheck?: boolean;
}

/** The cross-check's result when it is not run (`rangeCheck: false`). */
const NO_RANGE_CHECK: CheckRangeVolatilityResult = Object.freeze({
  rangeVol24h: null,
  rangeVol168h: null,
  disagreement: false,
  reasons: NO_REASONS,
});

export interface ComputeModelResult {
  readonly intermediate: RiskIntermediates;
  readonly flags: RiskFlags;
  readonly raw: RiskParamsBps;
  readonly target: RiskParamsBps;
  readonly reasons: readonly RiskReason[];
  /** APC buffer memory after this cycle. */
  readonly apc: PublishedState['apc'];
}

const SQRT_HOURS_PER_YEAR = Math.sqrt(HOURS_PER_YEAR);

/**
 * docs/methodology.md §2–§6 for one asset at `asOf`, section by section: data quality, volatility
 * and its range cross-check, liquidity and horizon, FHS standardised quantiles, APC drop quantiles,
 * the raw model (APC off, no bounds) and the target the control layer steers towards. Every clamp or
 * freeze leaves a reason, in that order.
 */
export function computeModel(params: ComputeModelParams): ComputeModelResult {
  const { series, config, asOf, book, previous, spec } = params;
  const explain = params.explain ?? true;
  const sigmaFast = series.sigmaFast();
  const sigmaStress = series.sigmaStress();
  const sigmaLongRun = series.sigmaLongRun();
  // §3.6: the σ that scales the drop quantile (σ_fast in v1 and with `ewma`).
  const sigmaModel = series.sigmaModel();
  const v2 = spec.version !== MODEL_VERSION_V1;
  const impliedVolHourly =
    params.impliedVol === undefined ? null : params.impliedVol.index / 100 / SQRT_HOURS_PER_YEAR;
  const sigmaFloor =
    spec.impliedFloor > 0 && impliedVolHourly !== null ? spec.impliedFloor * impliedVolHourly : null;

  const quality = assessDataQuality({
    series,
    config,
    asOf,
    sigmaFast,
    qualityDegraded: params.qualityDegraded,
    qualityReasons: params.qualityReasons,
    explain,
  });
  const range =
    params.rangeCheck === false
      ? NO_RANGE_CHECK
      : checkRangeVolatility(series, sigmaFast, config.rangeVolMaxRatio, explain);
  const liquidity = modelLiquidity({ series, config, book, sigmaFast, explain });
  const fhs = standardisedDropQuantiles(series, config, liquidity.horizonHoursUsed, explain);
  const q: MarginDropQuantilesResult | null =
    sigmaFast === null || sigmaModel === null
      ? null
      : marginDropQuantiles({
          config,
          sigma: sigmaModel,
          sigmaFloor,
          sigmaStress,
          sigmaLongRun,
          kLt: fhs.kLt,
          kLtv: fhs.kLtv,
          horizonHours: liquidity.horizonHoursUsed,
          previousApc: previous?.apc,
        });

  const volIndexBps =
    sigmaFast === null
      ? (previous?.volIndexBps ?? 0)
      : toBps(sigmaFast * SQRT_HOURS_PER_YEAR, 'up', VOL_INDEX_MAX_BPS);
  const raw = rawParams({
    config,
    volIndexBps,
    slip: liquidity.slip,
    qLtNoApc: q?.qLtNoApc ?? null,
    qLtvNoApc: q?.qLtvNoApc ?? null,
  });
  const target = targetParams({
    config,
    volIndexBps,
    slip: liquidity.slip,
    qLt: q?.qLt ?? null,
    qLtv: q?.qLtv ?? null,
    insufficientHistory: quality.insufficientHistory,
    previous,
    explain,
  });

  const harFellBack = v2 && series.harFellBack();
  // Written out field by field, v1 and v2 apart (no spread of an optional part): the same keys in
  // the same order, built as one object with a fixed shape; this runs every backtest hour.
  const intermediate: RiskIntermediates = v2
    ? {
        candlesUsed: series.length,
        historyHours: quality.historyHours,
        gapHours: series.gapHours,
        sigmaFast,
        sigmaSlow: series.sigmaSlow(),
        sigmaStress,
        sigmaLongRun,
        sigmaMargin: q?.sigmaMargin ?? null,
        rangeVol24h: range.rangeVol24h,
        rangeVol168h: range.rangeVol168h,
        horizonHours: liquidity.horizonHours,
        horizonHoursUsed: liquidity.horizonHoursUsed,
        reactionHours: config.reactionHours,
        hourlyVolumeUsd: liquidity.hourlyVolumeUsd,
        advUsd: liquidity.advUsd,
        kLt: fhs.kLt,
        kLtv: fhs.kLtv,
        zCountLt: fhs.zCountLt,
        zCountLtv: fhs.zCountLtv,
        qLtNoApc: q?.qLtNoApc ?? null,
        qLtvNoApc: q?.qLtvNoApc ?? null,
        qLt: q?.qLt ?? null,
        qLtv: q?.qLtv ?? null,
        slip: liquidity.slip,
        slipSource: liquidity.slipSource,
        spread: liquidity.spread,
        depth2PctUsd: liquidity.depth2PctUsd,
        apcMode: config.apcMode,
        volatilityModel: spec.volatilityModel,
        sigmaModel,
        sigmaHar: series.sigmaHar(),
        impliedVolHourly,
      }
    : {
        candlesUsed: series.length,
        historyHours: quality.historyHours,
        gapHours: series.gapHours,
        sigmaFast,
        sigmaSlow: series.sigmaSlow(),
        sigmaStress,
        sigmaLongRun,
        sigmaMargin: q?.sigmaMargin ?? null,
        rangeVol24h: range.rangeVol24h,
        rangeVol168h: range.rangeVol168h,
        horizonHours: liquidity.horizonHours,
        horizonHoursUsed: liquidity.horizonHoursUsed,
        reactionHours: config.reactionHours,
        hourlyVolumeUsd: liquidity.hourlyVolumeUsd,
        advUsd: liquidity.advUsd,
        kLt: fhs.kLt,
        kLtv: fhs.kLtv,
        zCountLt: fhs.zCountLt,
        zCountLtv: fhs.zCountLtv,
        qLtNoApc: q?.qLtNoApc ?? null,
        qLtvNoApc: q?.qLtvNoApc ?? null,
        qLt: q?.qLt ?? null,
        qLtv: q?.qLtv ?? null,
        slip: liquidity.slip,
        slipSource: liquidity.slipSource,
        spread: liquidity.spread,
        depth2PctUsd: liquidity.depth2PctUsd,
        apcMode: config.apcMode,
      };
  const flags: RiskFlags = v2
    ? {
        fhsFallback: fhs.fallback,
        sqrtExtrapolated: liquidity.sqrtExtrapolated,
        frozen: target.frozen,
        degraded: quality.degraded,
        rangeVolDisagreement: range.disagreement,
        insufficientHistory: quality.insufficientHistory,
        harFallback: harFellBack,
      }
    : {
        fhsFallback: fhs.fallback,
        sqrtExtrapolated: liquidity.sqrtExtrapolated,
        frozen: target.frozen,
        degraded: quality.degraded,
        rangeVolDisagreement: range.disagreement,
        insufficientHistory: quality.insufficientHistory,
      };

  return {
    intermediate,
    flags,
    raw,
    target: target.target,
    reasons: !explain
      ? NO_REASONS
      : [
          ...quality.reasons,
          ...range.reasons,
          ...(harFellBack
            ? [
                {
                  stage: 'model' as const,
                  code: 'harFallback',
                  detail: `HAR-RV has no usable forecast (fewer than ${spec.harMinDays} days, or a non-positive fit): σ_fast (EWMA) used`,
                },
              ]
            : []),
          ...liquidity.reasons,
          ...fhs.reasons,
          ...target.reasons,
        ],
    apc: (q === null ? previous?.apc : q.apc) ?? { qLt: null, qLtv: null },
  };
}
