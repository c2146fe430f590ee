import type { AssetConfig } from '../config/assetsConfig.js';
import { MODEL_VERSION } from '../risk/computeRiskRecord.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../risk/provenance/hashSchemes.js';
import { BacktestInputError } from './errors.js';
import { evaluateSeries, type BreachSample, type SeriesEvaluation } from './evaluateSeries.js';
import { hindsightStaticLt } from './hindsightStaticLt.js';
import { procyclicality, type EpisodeProcyclicality } from './procyclicality.js';
import type { RunBacktestResult } from './runBacktest.js';
import { kupiecTest } from './stats/kupiecTest.js';
import type { ChristoffersenTestResult } from './stats/christoffersenTest.js';
import type { SeriesKind, StressEpisode } from './types.js';

export interface StaticResult {
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly breaches: number;
  readonly samples: number;
  readonly breachRate: number;
  readonly kupiecLrPof: number;
  readonly binomialTailP: number;
  /** A static LTV is its own mean. */
  readonly meanLtvBps: number;
  readonly calmLtvBps: number;
}

export interface SeriesSummary {
  readonly samples: number;
  readonly breaches: number;
  readonly breachRate: number;
  readonly kupiec: {
    readonly lrPof: number;
    readonly pValue: number;
    readonly rejectTwoSided: boolean;
    readonly binomialTailP: number;
    readonly rejectOneSided: boolean;
  };
  /** The Christoffersen test without the transition probabilities (the counts give them). */
  readonly christoffersen: Omit<ChristoffersenTestResult, 'pi0' | 'pi1' | 'pi'>;
  /** LTV calibration (docs/methodology.md §9.2): breaches of the LTV promise within `H_react`. */
  readonly ltv: {
    readonly reactionHours: number;
    readonly alphaLtv: number;
    readonly samples: number;
    readonly breaches: number;
    readonly breachRate: number;
    readonly expectedRate: number;
    readonly lrPof: number;
    readonly rejectTwoSided: boolean;
    readonly binomialTailP: number;
    readonly rejectOneSided: boolean;
    readonly lrInd: number;
    readonly rejectInd: boolean;
    readonly rejectCc: boolean;
  };
  readonly mean: SeriesEvaluation['mean'];
  readonly changes: number;
}

export interface BacktestSummary {
  readonly asset: string;
  readonly modelVersion: string;
  readonly configHash: string;
  readonly apcMode: AssetConfig['apcMode'];
  /** Liquidation horizon of the model: fixed hours, or 'volume' (H_base + Q/(ρ V_h)). */
  readonly modelHorizon: number | 'volume';
  /** Horizon of the breach evaluation (docs/methodology.md §9: 24 h). */
  readonly evaluationHorizonHours: number;
  readonly alphaLt: number;
  readonly emitted: SeriesKind;
  readonly range: {
    readonly firstRowTs: number;
    readonly lastRowTs: number;
    readonly rows: number;
    readonly candles: number;
    readonly gapHours: number;
    readonly gaps: number;
    readonly warmupHours: number;
  };
  readonly publications: number;
  readonly published: SeriesSummary;
  readonly raw: SeriesSummary;
  readonly static: {
    readonly given: StaticResult | null;
    /** Best fixed LT with no more breaches than the published series; its LTV keeps the published series' mean LTV/LT ratio. */
    readonly hindsight: StaticResult;
    /** The same against the raw series. */
    readonly hindsightRaw: StaticResult;
  };
  readonly procyclicality: ReadonlyArray<{
    readonly episode: string;
    readonly from: number;
    readonly to: number;
    readonly raw: EpisodeProcyclicality | null;
    readonly published: EpisodeProcyclicality | null;
  }>;
  /** The acceptance bars, evaluated on this run. */
  readonly checks: {
    readonly rawKupiecTwoSidedPass: boolean;
    readonly rawChristoffersenPass: boolean;
    readonly publishedOneSidedPass: boolean;
    readonly publishedChristoffersenPass: boolean;
    readonly publishedMeanLtAtLeastHindsight: boolean;
    readonly rawLtvKupiecTwoSidedPass: boolean;
    readonly rawLtvChristoffersenPass: boolean;
    readonly publishedLtvOneSidedPass: boolean;
  };
}

export interface SummarizeBacktestParams {
  readonly asset: string;
  readonly config: AssetConfig;
  readonly run: RunBacktestResult;
  readonly emitted: SeriesKind;
  readonly gapHours: number;
  readonly gaps: number;
  readonly evaluationHorizonHours: number;
  readonly staticParams?: { readonly ltvBps: number; readonly ltBps: number };
  readonly episodes: readonly StressEpisode[];
  /** Engine version the run used. @default MODEL_VERSION */
  readonly modelVersion?: string;
}

/** Everything summary.json holds (issue 5), plus the evaluations the report draws. */
export function summarizeBacktest(params: SummarizeBacktestParams): {
  summary: BacktestSummary;
  published: SeriesEvaluation;
  raw: SeriesEvaluation;
} {
  const { asset, config, run, emitted, evaluationHorizonHours, staticParams, episodes } = params;
  const common = {
    candles: run.candlesUsed,
    firstRowIndex: run.firstRowIndex,
    realisedVol30d: run.realisedVol30d,
    horizonHours: evaluationHorizonHours,
    alphaLt: config.alphaLt,
    reactionHours: config.reactionHours,
    alphaLtv: config.alphaLtv,
  };
  const published = evaluateSeries({ rows: run.published, ...common });
  const raw = evaluateSeries({ rows: run.raw, ...common });
  if (published.samples.length === 0)
    throw new BacktestInputError(
      `${asset}: no daily sample to judge: no row opens at 00:00 UTC with a complete ${evaluationHorizonHours} h window after the warm-up`,
      { fix: 'use a longer candle file, or an earlier --from / later --to' },
    );
  const p = 1 - config.alphaLt;
  const staticResult = (ltvBps: number, ltBps: number, samples: readonly BreachSample[]): StaticResult => {
    const breaches = samples.filter((s) => s.recovery < ltBps / 10_000).length;
    const k = kupiecTest(breaches, samples.length, p);
    return {
      ltvBps,
      ltBps,
      breaches,
      samples: samples.length,
      breachRate: k.rate,
      kupiecLrPof: k.lrPof,
      binomialTailP: k.binomialTailP,
      meanLtvBps: ltvBps,
      calmLtvBps: ltvBps,
    };
  };
  const hindsight = (evaluation: SeriesEvaluation): StaticResult => {
    const lt = hindsightStaticLt(evaluation.samples, evaluation.kupiec.breaches);
    const ratio =
      evaluation.mean.overall.ltBps > 0 ? evaluation.mean.overall.ltvBps / evaluation.mean.overall.ltBps : 0;
    return staticResult(Math.floor(lt * ratio), lt, evaluation.samples);
  };
  const summaryOf = (e: SeriesEvaluation): SeriesSummary => ({
    samples: e.kupiec.samples,
    breaches: e.kupiec.breaches,
    breachRate: e.kupiec.rate,
    kupiec: {
      lrPof: e.kupiec.lrPof,
      pValue: e.kupiec.pValue,
      rejectTwoSided: e.kupiec.rejectTwoSided,
      binomialTailP: e.kupiec.binomialTailP,
      rejectOneSided: e.kupiec.rejectOneSided,
    },
    christoffersen: {
      n00: e.christoffersen.n00,
      n01: e.christoffersen.n01,
      n10: e.christoffersen.n10,
      n11: e.christoffersen.n11,
      lrInd: e.christoffersen.lrInd,
      pValueInd: e.christoffersen.pValueInd,
      rejectInd: e.christoffersen.rejectInd,
      lrCc: e.christoffersen.lrCc,
      pValueCc: e.christoffersen.pValueCc,
      rejectCc: e.christoffersen.rejectCc,
    },
    ltv: {
      reactionHours: config.reactionHours,
      alphaLtv: config.alphaLtv,
      samples: e.ltv.kupiec.samples,
      breaches: e.ltv.kupiec.breaches,
      breachRate: e.ltv.kupiec.rate,
      expectedRate: e.ltv.kupiec.expectedRate,
      lrPof: e.ltv.kupiec.lrPof,
      rejectTwoSided: e.ltv.kupiec.rejectTwoSided,
      binomialTailP: e.ltv.kupiec.binomialTailP,
      rejectOneSided: e.ltv.kupiec.rejectOneSided,
      lrInd: e.ltv.christoffersen.lrInd,
      rejectInd: e.ltv.christoffersen.rejectInd,
      rejectCc: e.ltv.christoffersen.rejectCc,
    },
    mean: e.mean,
    changes: e.changes,
  });
  const firstRowTs = run.published.ts[0]!;
  const lastRowTs = run.published.ts[run.published.length - 1]!;
  const inRange = episodes.filter((e) => e.to > firstRowTs && e.from <= lastRowTs);
  const hindsightPublished = hindsight(published);
  const summary: BacktestSummary = {
    asset,
    modelVersion: params.modelVersion ?? MODEL_VERSION,
    configHash: hashCanonical(config, CURRENT_HASH_SCHEME),
    apcMode: config.apcMode,
    modelHorizon: config.fixedHorizonHours ?? 'volume',
    evaluationHorizonHours,
    alphaLt: config.alphaLt,
    emitted,
    range: {
      firstRowTs,
      lastRowTs,
      rows: run.published.length,
      candles: run.candlesUsed.length,
      gapHours: params.gapHours,
      gaps: params.gaps,
      warmupHours: run.warmupHours,
    },
    publications: run.publications,
    published: summaryOf(published),
    raw: summaryOf(raw),
    static: {
      given:
        staticParams === undefined
          ? null
          : staticResult(staticParams.ltvBps, staticParams.ltBps, published.samples),
      hindsight: hindsightPublished,
      hindsightRaw: hindsight(raw),
    },
    procyclicality: inRange.map((e) => ({
      episode: e.name,
      from: e.from,
      to: e.to,
      raw: procyclicality(run.raw, e),
      published: procyclicality(run.published, e),
    })),
    checks: {
      rawKupiecTwoSidedPass: !raw.kupiec.rejectTwoSided,
      rawChristoffersenPass: !raw.christoffersen.rejectInd && !raw.christoffersen.rejectCc,
      publishedOneSidedPass: !published.kupiec.rejectOneSided,
      publishedChristoffersenPass: !published.christoffersen.rejectInd,
      publishedMeanLtAtLeastHindsight: published.mean.overall.ltBps >= hindsightPublished.ltBps,
      rawLtvKupiecTwoSidedPass: !raw.ltv.kupiec.rejectTwoSided,
      rawLtvChristoffersenPass: !raw.ltv.christoffersen.rejectInd && !raw.ltv.christoffersen.rejectCc,
      publishedLtvOneSidedPass: !published.ltv.kupiec.rejectOneSided,
    },
  };
  return { summary, published, raw };
}
