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
import type { CycleScratch, Mutable } from '../engine/createCycleScratch.js';

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
  /**
   * Objects to write the result into instead of new ones (a walk-forward's createCycleScratch): the
   * result is then valid until the next call with the same scratch. @default none (fresh objects)
   */
  readonly scratch?: CycleScratch | undefined;
}

/** The APC memory before any (scratch cycles: shared, frozen). */
const NO_APC: PublishedState['apc'] = Object.freeze({ qLt: null, qLtv: null });

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
  const { series, config, asOf, book, previous, spec, scratch } = params;
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

  const quality = assessDataQuality(
    {
      series,
      config,
      asOf,
      sigmaFast,
      qualityDegraded: params.qualityDegraded,
      qualityReasons: params.qualityReasons,
      explain,
    },
    scratch?.quality,
  );
  const range =
    params.rangeCheck === false
      ? NO_RANGE_CHECK
      : checkRangeVolatility(series, sigmaFast, config.rangeVolMaxRatio, explain);
  const liquidity = modelLiquidity({ series, config, book, sigmaFast, explain }, scratch?.liquidity);
  const fhs = standardisedDropQuantiles(series, config, liquidity.horizonHoursUsed, explain, scratch?.fhs);
  const q: MarginDropQuantilesResult | null =
    sigmaFast === null || sigmaModel === null
      ? null
      : marginDropQuantiles(
          {
            config,
            sigma: sigmaModel,
            sigmaFloor,
            sigmaStress,
            sigmaLongRun,
            kLt: fhs.kLt,
            kLtv: fhs.kLtv,
            horizonHours: liquidity.horizonHoursUsed,
            previousApc: previous?.apc,
          },
          scratch?.margin,
        );

  const volIndexBps =
    sigmaFast === null
      ? (previous?.volIndexBps ?? 0)
      : toBps(sigmaFast * SQRT_HOURS_PER_YEAR, 'up', VOL_INDEX_MAX_BPS);
  const raw = rawParams(
    {
      config,
      volIndexBps,
      slip: liquidity.slip,
      qLtNoApc: q?.qLtNoApc ?? null,
      qLtvNoApc: q?.qLtvNoApc ?? null,
    },
    scratch?.raw,
  );
  const target = targetParams(
    {
      config,
      volIndexBps,
      slip: liquidity.slip,
      qLt: q?.qLt ?? null,
      qLtv: q?.qLtv ?? null,
      insufficientHistory: quality.insufficientHistory,
      previous,
      explain,
    },
    scratch?.target,
  );
  const harFellBack = v2 && series.harFellBack();
  const reasons: readonly RiskReason[] = !explain
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
      ];
  if (scratch !== undefined && scratch.intermediate !== null && scratch.flags !== null) {
    // A walk's later cycles: the same fields, written into the objects of its first cycle.
    const m = scratch.intermediate;
    m.candlesUsed = series.length;
    m.historyHours = quality.historyHours;
    m.gapHours = series.gapHours;
    m.sigmaFast = sigmaFast;
    m.sigmaSlow = series.sigmaSlow();
    m.sigmaStress = sigmaStress;
    m.sigmaLongRun = sigmaLongRun;
    m.sigmaMargin = q?.sigmaMargin ?? null;
    m.rangeVol24h = range.rangeVol24h;
    m.rangeVol168h = range.rangeVol168h;
    m.horizonHours = liquidity.horizonHours;
    m.horizonHoursUsed = liquidity.horizonHoursUsed;
    m.reactionHours = config.reactionHours;
    m.hourlyVolumeUsd = liquidity.hourlyVolumeUsd;
    m.advUsd = liquidity.advUsd;
    m.kLt = fhs.kLt;
    m.kLtv = fhs.kLtv;
    m.zCountLt = fhs.zCountLt;
    m.zCountLtv = fhs.zCountLtv;
    m.qLtNoApc = q?.qLtNoApc ?? null;
    m.qLtvNoApc = q?.qLtvNoApc ?? null;
    m.qLt = q?.qLt ?? null;
    m.qLtv = q?.qLtv ?? null;
    m.slip = liquidity.slip;
    m.slipSource = liquidity.slipSource;
    m.spread = liquidity.spread;
    m.depth2PctUsd = liquidity.depth2PctUsd;
    m.apcMode = config.apcMode;
    if (v2) {
      m.volatilityModel = spec.volatilityModel;
      m.sigmaModel = sigmaModel;
      m.sigmaHar = series.sigmaHar();
      m.impliedVolHourly = impliedVolHourly;
    }
    const f = scratch.flags;
    f.fhsFallback = fhs.fallback;
    f.sqrtExtrapolated = liquidity.sqrtExtrapolated;
    f.frozen = target.frozen;
    f.degraded = quality.degraded;
    f.rangeVolDisagreement = range.disagreement;
    f.insufficientHistory = quality.insufficientHistory;
    if (v2) f.harFallback = harFellBack;
    return modelResult(scratch.model, m, f, raw, target.target, reasons, q, previous);
  }

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

  if (scratch !== undefined) {
    scratch.intermediate = intermediate as Mutable<RiskIntermediates>;
    scratch.flags = flags as Mutable<RiskFlags>;
    return modelResult(scratch.model, intermediate, flags, raw, target.target, reasons, q, previous);
  }
  return {
    intermediate,
    flags,
    raw,
    target: target.target,
    reasons,
    apc: (q === null ? previous?.apc : q.apc) ?? { qLt: null, qLtv: null },
  };
}

/** A scratch cycle's result, written into `out`. */
function modelResult(
  out: Mutable<ComputeModelResult>,
  intermediate: RiskIntermediates,
  flags: RiskFlags,
  raw: RiskParamsBps,
  target: RiskParamsBps,
  reasons: readonly RiskReason[],
  q: MarginDropQuantilesResult | null,
  previous: PublishedState | undefined,
): ComputeModelResult {
  out.intermediate = intermediate;
  out.flags = flags;
  out.raw = raw;
  out.target = target;
  out.reasons = reasons;
  out.apc = (q === null ? previous?.apc : q.apc) ?? NO_APC;
  return out;
}
