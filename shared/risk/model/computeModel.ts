import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../market/types.js';
import { applyApcBuffer } from '../apc/applyApcBuffer.js';
import { marginVolatility } from '../apc/marginVolatility.js';
import { liquidationHorizon } from '../liquidity/liquidationHorizon.js';
import { liquidationSlippage } from '../liquidity/liquidationSlippage.js';
import { liquidationBonus } from '../params/liquidationBonus.js';
import { liquidationThreshold } from '../params/liquidationThreshold.js';
import { loanToValue } from '../params/loanToValue.js';
import { toBps } from '../params/toBps.js';
import { dropQuantile } from '../quantile/dropQuantile.js';
import { studentTQuantile } from '../quantile/studentTQuantile.js';
import type { RiskSeries } from '../series/RiskSeries.js';
import type {
  PublishedState,
  RiskBook,
  RiskFlags,
  RiskIntermediates,
  RiskParamsBps,
  RiskReason,
} from '../types.js';

export interface ComputeModelParams {
  /** History up to and including the last complete candle. */
  readonly series: RiskSeries;
  readonly config: AssetConfig;
  readonly asOf: number;
  readonly book: RiskBook | undefined;
  readonly qualityDegraded: boolean;
  readonly qualityReasons: readonly string[];
  readonly previous: PublishedState | undefined;
}

export interface ComputeModelResult {
  readonly intermediate: RiskIntermediates;
  readonly flags: RiskFlags;
  readonly raw: RiskParamsBps;
  readonly target: RiskParamsBps;
  readonly reasons: RiskReason[];
  /** APC buffer memory after this cycle. */
  readonly apc: PublishedState['apc'];
}

const SQRT_HOURS_PER_YEAR = Math.sqrt(8760);

/**
 * METHOD.md §3–§6 for one asset at `asOf`: volatility, APC, FHS drop quantiles, liquidity, LT, LB,
 * LTV, eligibility and governance bounds. Returns the raw model (APC off, no bounds) and the target
 * the control layer steers towards, with a reason for every clamp or freeze.
 */
export function computeModel(params: ComputeModelParams): ComputeModelResult {
  const { series, config, asOf, book, previous } = params;
  const reasons: RiskReason[] = [];
  const t = series.length - 1;
  const historyHours = t < 0 ? 0 : (asOf - series.ts[0]!) / HOUR_MS;
  const sigmaFast = series.sigmaFast();
  const sigmaStress = series.sigmaStress();
  const sigmaLongRun = series.sigmaLongRun();

  // ---- data quality ----
  let degraded = params.qualityDegraded;
  for (const reason of params.qualityReasons)
    reasons.push({ stage: 'quality', code: 'marketQuality', detail: reason });
  if (t >= 0) {
    const ageHours = (asOf - (series.ts[t]! + HOUR_MS)) / HOUR_MS;
    if (ageHours > config.maxCandleAgeHours) {
      degraded = true;
      reasons.push({
        stage: 'quality',
        code: 'staleCandles',
        detail: `last candle closed ${ageHours} h before asOf (allowed ${config.maxCandleAgeHours} h)`,
      });
    }
  }
  const insufficientHistory =
    t < 0 || historyHours < config.minHistoryDays * 24 || sigmaFast === null || !(sigmaFast > 0);
  if (insufficientHistory) {
    reasons.push({
      stage: 'model',
      code: 'insufficientHistory',
      detail: `${historyHours.toFixed(0)} h of candles, ${config.minHistoryDays * 24} h needed (minHistoryDays ${config.minHistoryDays}) with a seeded, positive EWMA`,
    });
  }

  // ---- range-based cross-check ----
  const rangeVol24h = series.rangeVolatility(24);
  const rangeVol168h = series.rangeVolatility(168);
  let rangeVolDisagreement = false;
  if (sigmaFast !== null && sigmaFast > 0 && rangeVol24h !== null && rangeVol24h > 0) {
    const ratio = sigmaFast / rangeVol24h;
    if (ratio > config.rangeVolMaxRatio || ratio < 1 / config.rangeVolMaxRatio) {
      rangeVolDisagreement = true;
      reasons.push({
        stage: 'quality',
        code: 'rangeVolDisagreement',
        detail: `σ_fast / Parkinson(24h) = ${ratio.toPrecision(4)}, outside [1/${config.rangeVolMaxRatio}, ${config.rangeVolMaxRatio}]`,
      });
    }
  }

  // ---- liquidity and horizon ----
  const hourlyVolumeUsd = series.hourlyVolumeUsd(config.volumeWindowDays * 24);
  const advUsd = hourlyVolumeUsd === null ? null : hourlyVolumeUsd * 24;
  const horizonHours =
    config.fixedHorizonHours ??
    liquidationHorizon({
      sizeUsd: config.liquidationSizeUsd,
      hourlyVolumeUsd: hourlyVolumeUsd ?? 0,
      participation: config.participation,
      baseHours: config.horizonBaseHours,
      maxHours: config.horizonMaxHours,
    });
  // FHS needs whole hours; rounding up is the conservative side.
  const horizonHoursUsed = Math.ceil(horizonHours - 1e-9);
  const reactionHours = config.reactionHours;

  let slip: number | null = null;
  let slipSource: RiskIntermediates['slipSource'] = book === undefined ? 'proxy' : 'book';
  let spread: number | null = null;
  let depth2PctUsd: number | null = null;
  let sqrtExtrapolated = false;
  if (sigmaFast !== null) {
    const s = liquidationSlippage({
      book,
      sizeUsd: config.liquidationSizeUsd,
      sigmaDaily: sigmaFast * Math.sqrt(24),
      advUsd: advUsd ?? 0,
      impactY: config.impactY,
      proxySpread: config.proxySpreadBps / 10_000,
    });
    slip = s.slip;
    slipSource = s.source;
    spread = s.spread;
    depth2PctUsd = s.depth2PctUsd;
    sqrtExtrapolated = s.sqrtExtrapolated;
    if (sqrtExtrapolated)
      reasons.push({
        stage: 'model',
        code: 'sqrtExtrapolated',
        param: 'slip',
        detail: `Q = ${config.liquidationSizeUsd} USD exceeds the visible bids; square-root law used`,
      });
  }

  // ---- FHS drop quantiles ----
  const minZ = config.fhsMinDays * 24;
  const fhsLt = series.fhsQuantile(horizonHoursUsed, config.alphaLt);
  const fhsLtv = series.fhsQuantile(reactionHours, config.alphaLtv);
  const fallbackLt = fhsLt.count < minZ || !Number.isFinite(fhsLt.k);
  const fallbackLtv = fhsLtv.count < minZ || !Number.isFinite(fhsLtv.k);
  const kLt = fallbackLt ? studentTQuantile(config.alphaLt, config.studentTNu) : fhsLt.k;
  const kLtv = fallbackLtv ? studentTQuantile(config.alphaLtv, config.studentTNu) : fhsLtv.k;
  const fhsFallback = fallbackLt || fallbackLtv;
  if (fhsFallback) {
    reasons.push({
      stage: 'model',
      code: 'fhsFallback',
      param: 'q',
      detail: `${Math.min(fhsLt.count, fhsLtv.count)} standardised drops < ${minZ} (fhsMinDays ${config.fhsMinDays}); Student-t(ν=${config.studentTNu}) quantile used`,
    });
  }

  // ---- APC and quantiles ----
  let sigmaMargin: number | null = null;
  let qLtNoApc: number | null = null;
  let qLtvNoApc: number | null = null;
  let qLt: number | null = null;
  let qLtv: number | null = null;
  let apc = previous?.apc ?? { qLt: null, qLtv: null };
  if (sigmaFast !== null) {
    sigmaMargin = marginVolatility({
      mode: config.apcMode,
      sigmaFast,
      sigmaStress,
      sigmaLongRun,
      stressWeight: config.apcStressWeight,
      floorFactor: config.apcFloorFactor,
    });
    qLtNoApc = Math.max(0, dropQuantile(kLt, sigmaFast, horizonHoursUsed));
    qLtvNoApc = Math.max(0, dropQuantile(kLtv, sigmaFast, reactionHours));
    qLt = Math.max(0, dropQuantile(kLt, sigmaMargin, horizonHoursUsed));
    qLtv = Math.max(0, dropQuantile(kLtv, sigmaMargin, reactionHours));
    if (config.apcMode === 'buffer') {
      qLt = applyApcBuffer(previous?.apc.qLt ?? null, qLt, config.apcBuffer);
      qLtv = applyApcBuffer(previous?.apc.qLtv ?? null, qLtv, config.apcBuffer);
      apc = { qLt, qLtv };
    }
  }

  const volIndexBps =
    sigmaFast === null
      ? (previous?.volIndexBps ?? 0)
      : toBps(sigmaFast * SQRT_HOURS_PER_YEAR, 'up', Number.MAX_SAFE_INTEGER);
  const epsilon = config.epsilonBps / 10_000;
  const fee = config.liquidationFeeBps / 10_000;
  const gas = config.gasBufferBps / 10_000;

  // ---- raw model: APC off, no bounds, no freeze ----
  let raw: RiskParamsBps = { volIndexBps, ltvBps: 0, ltBps: 0, lbBps: 10_000, haircutBps: 10_000 };
  if (slip !== null && qLtNoApc !== null && qLtvNoApc !== null) {
    const lb = liquidationBonus(slip, fee, gas);
    const lt = Math.min(Math.max(0, liquidationThreshold(qLtNoApc, slip, epsilon)), 1 / (1 + lb));
    const ltBps = toBps(lt, 'down');
    const lbBps = toBps(lb, 'up');
    const ltvBps = Math.min(ltBps, toBps(loanToValue(lt, qLtvNoApc), 'down'));
    raw = { volIndexBps, ltvBps, ltBps, lbBps, haircutBps: 10_000 - ltvBps };
  }

  // ---- target: configured APC, bounds, invariants, eligibility ----
  const [ltvMin, ltvMax] = config.bounds.ltv;
  const [ltMin, ltMax] = config.bounds.lt;
  const [lbMin, lbMax] = config.bounds.lb;
  let ltBps: number;
  let lbBps: number;
  let qLtvForLtv = qLtv;
  if (slip !== null && qLt !== null) {
    ltBps = toBps(Math.max(0, liquidationThreshold(qLt, slip, epsilon)), 'down');
    lbBps = toBps(liquidationBonus(slip, fee, gas), 'up');
  } else {
    // Nothing computable: keep the last published values, else the most conservative bounds.
    ltBps = previous?.ltBps ?? ltMin;
    lbBps = previous?.lbBps ?? lbMax;
    qLtvForLtv = null;
  }
  const clampReason = (param: 'lt' | 'lb', from: number, to: number, bound: string): void => {
    if (from !== to)
      reasons.push({
        stage: 'bounds',
        code: `${param}${bound}`,
        param,
        from,
        to,
        detail: `${param.toUpperCase()} ${from} bp clamped to governance ${bound === 'Min' ? 'minimum' : 'maximum'} ${to} bp`,
      });
  };
  const lbClamped = Math.min(lbMax, Math.max(lbMin, lbBps));
  clampReason('lb', lbBps, lbClamped, lbBps < lbMin ? 'Min' : 'Max');
  lbBps = lbClamped;
  const ltClamped = Math.min(ltMax, Math.max(ltMin, ltBps));
  clampReason('lt', ltBps, ltClamped, ltBps < ltMin ? 'Min' : 'Max');
  ltBps = ltClamped;
  const ltCap = Math.floor(100_000_000 / (10_000 + lbBps));
  if (ltBps > ltCap) {
    reasons.push({
      stage: 'invariant',
      code: 'ltTimesOnePlusLb',
      param: 'lt',
      from: ltBps,
      to: ltCap,
      detail: `LT·(1+LB) ≤ 1 with LB ${lbBps} bp caps LT at ${ltCap} bp`,
    });
    ltBps = ltCap;
  }

  let frozen = false;
  if (insufficientHistory || (slip !== null && slip > config.maxSlippage)) {
    frozen = true;
    if (slip !== null && slip > config.maxSlippage) {
      reasons.push({
        stage: 'freeze',
        code: 'slippageAboveMax',
        param: 'ltv',
        detail: `slip(Q) ${(slip * 100).toFixed(2)} % > maxSlippage ${(config.maxSlippage * 100).toFixed(2)} %: new borrowing frozen`,
      });
    } else {
      reasons.push({
        stage: 'freeze',
        code: 'missingData',
        param: 'ltv',
        detail: 'not enough data to compute: new borrowing frozen',
      });
    }
    if (previous !== undefined && previous.ltBps < ltBps) {
      reasons.push({
        stage: 'freeze',
        code: 'ltNeverRaisedWhileFrozen',
        param: 'lt',
        from: ltBps,
        to: previous.ltBps,
        detail: 'frozen: LT keeps its last value and is never raised',
      });
      ltBps = previous.ltBps;
    }
  }
  let ltvBps = 0;
  if (!frozen && qLtvForLtv !== null) {
    const modelLtv = toBps(loanToValue(ltBps / 10_000, qLtvForLtv), 'down');
    ltvBps = Math.min(ltvMax, Math.max(ltvMin, modelLtv));
    if (ltvBps !== modelLtv)
      reasons.push({
        stage: 'bounds',
        code: modelLtv > ltvMax ? 'ltvMax' : 'ltvMin',
        param: 'ltv',
        from: modelLtv,
        to: ltvBps,
        detail: `LTV ${modelLtv} bp clamped to governance bounds [${ltvMin}, ${ltvMax}]`,
      });
    if (ltvBps > ltBps) {
      reasons.push({
        stage: 'invariant',
        code: 'ltvAboveLt',
        param: 'ltv',
        from: ltvBps,
        to: ltBps,
        detail: 'LTV ≤ LT',
      });
      ltvBps = ltBps;
    }
  }
  const target: RiskParamsBps = { volIndexBps, ltvBps, ltBps, lbBps, haircutBps: 10_000 - ltvBps };

  return {
    intermediate: {
      candlesUsed: series.length,
      historyHours,
      gapHours: series.gapHours,
      sigmaFast,
      sigmaSlow: series.sigmaSlow(),
      sigmaStress,
      sigmaLongRun,
      sigmaMargin,
      rangeVol24h,
      rangeVol168h,
      horizonHours,
      horizonHoursUsed,
      reactionHours,
      hourlyVolumeUsd,
      advUsd,
      kLt,
      kLtv,
      zCountLt: fhsLt.count,
      zCountLtv: fhsLtv.count,
      qLtNoApc,
      qLtvNoApc,
      qLt,
      qLtv,
      slip,
      slipSource,
      spread,
      depth2PctUsd,
      apcMode: config.apcMode,
    },
    flags: { fhsFallback, sqrtExtrapolated, frozen, degraded, rangeVolDisagreement, insufficientHistory },
    raw,
    target,
    reasons,
    apc,
  };
}
