import { DAY_MS, HOUR_MS } from '../core/time.js';
import { christoffersenTest, type ChristoffersenTestResult } from '../backtest/stats/christoffersenTest.js';
import { kupiecTest, type KupiecTestResult } from '../backtest/stats/kupiecTest.js';
import { alignCloses } from '../risk/crossAsset/alignCloses.js';
import { alignedVolatility } from '../risk/crossAsset/alignedVolatility.js';
import { portfolioDropQuantile } from '../risk/crossAsset/portfolioDropQuantile.js';
import type { CandleLike } from '../risk/crossAsset/types.js';
import { DEFAULT_PORTFOLIO_OPTIONS, type PortfolioOptions } from './evaluatePortfolio.js';
import { PortfolioInputError } from './errors.js';

export interface BacktestPortfolioParams {
  /** Hourly USD candles of every asset named below. */
  readonly candles: Readonly<Record<string, readonly CandleLike[]>>;
  /** USD weights, rebalanced at every sample: collateral per asset, debt per asset and in USD. */
  readonly collateral: Readonly<Record<string, number>>;
  readonly debt: Readonly<Record<string, number>>;
  readonly debtUsd: number;
  /** Liquidation slippage per asset at each candle open time (fraction), e.g. collateralProxySlippage. */
  readonly slipAt: Readonly<Record<string, (ts: number) => number | undefined>>;
  /** Isolated LT per collateral asset at each hour (bp), e.g. the single-asset backtest rows; optional comparison. */
  readonly isolatedLtAt?: Readonly<Record<string, (ts: number) => number | undefined>>;
  readonly options?: Partial<PortfolioOptions>;
  /** First days of scenarios required before the first sample. @default 180 (the engine's fhsMinDays) */
  readonly minScenarioDays?: number;
}

export interface PortfolioBacktestSample {
  readonly ts: number;
  readonly ltBps: number;
  /** Collateral-weighted isolated LT, bp (null without isolated series). */
  readonly isolatedLtBps: number | null;
  /** `(1 − δ_pf)(1 − slip)`: what liquidating at the worst hour of H recovers, per unit of LT. */
  readonly recovery: number;
  readonly breach: boolean;
  readonly isolatedBreach: boolean | null;
}

export interface PortfolioBacktestSeriesSummary {
  readonly samples: number;
  readonly breaches: number;
  readonly kupiec: KupiecTestResult;
  readonly christoffersen: ChristoffersenTestResult;
  /** Mean LT over the samples, bp. */
  readonly meanLtBps: number;
  /** Mean required collateral per USD of debt (`1 / LT`). */
  readonly meanRequiredPerDebt: number;
}

export interface PortfolioBacktestResult {
  readonly firstSampleTs: number;
  readonly lastSampleTs: number;
  readonly portfolio: PortfolioBacktestSeriesSummary;
  readonly isolated: PortfolioBacktestSeriesSummary | null;
  /** Mean of `1 − required_pf / required_iso` over the samples. */
  readonly meanDiversificationCreditShare: number | null;
  readonly samples: PortfolioBacktestSample[];
  readonly parameters: PortfolioOptions;
}

/**
 * Walk-forward backtest of portfolio margin (docs/methodology.md §9 applied to the portfolio value,
 * docs/cross-asset.md): at each 00:00 UTC sample `t`, the multivariate FHS drop quantile from hours up to `t` only,
 * `LT_pf,t = (1 − q)(1 − slip) − ε` (slip collateral-weighted), and a breach when the position,
 * rebalanced to the given USD weights at `t`, recovers less than its LT at the worst synchronous hour
 * of `(t, t + H]`: `(1 − δ_pf,t)(1 − slip_t) < LT_pf,t`, δ_pf the fall of the collateral-to-debt
 * ratio. Isolated margin is evaluated on the same samples with the collateral-weighted isolated LT.
 * Kupiec (two-sided and one-sided) and Christoffersen as for single assets.
 * @throws PortfolioInputError without collateral or with too little common history.
 */
export function backtestPortfolio(params: BacktestPortfolioParams): PortfolioBacktestResult {
  const options: PortfolioOptions = { ...DEFAULT_PORTFOLIO_OPTIONS, ...params.options };
  const names = [...new Set([...Object.keys(params.collateral), ...Object.keys(params.debt)])].sort();
  const aligned = alignCloses({
    candles: Object.fromEntries(names.map((a) => [a, params.candles[a] ?? []])),
  });
  const sigma = alignedVolatility({ aligned, lambda: options.lambda, seedCount: options.seedCount });
  const n = aligned.ts.length;
  const H = options.horizonHours;
  const minScenarios = ((params.minScenarioDays ?? 180) * 24) / options.stride;
  const cW = aligned.assets.map((a) => params.collateral[a] ?? 0);
  const dW = aligned.assets.map((a) => params.debt[a] ?? 0);
  const cTotal = cW.reduce((s, x) => s + x, 0);
  if (!(cTotal > 0))
    throw new PortfolioInputError('collateral: no positive USD weight; expected at least one');
  const dTotal = dW.reduce((s, x) => s + x, params.debtUsd);
  const samples: PortfolioBacktestSample[] = [];
  const eps = options.epsilonBps / 10_000;
  for (let t = 0; t < n; t++) {
    const ts = aligned.ts[t]!;
    if (ts % DAY_MS !== 0 || ts + H * HOUR_MS > aligned.ts[n - 1]!) continue;
    if (!aligned.assets.every((_, a) => sigma[a]![t]! > 0)) continue;
    const fhs = portfolioDropQuantile({
      aligned,
      sigma,
      exposure: { collateral: cW, debt: dW, debtUsd: params.debtUsd },
      at: t,
      horizonHours: H,
      alpha: options.alpha,
      stride: options.stride,
      neighbours: 0,
    });
    if (fhs.q === null || fhs.scenarios < minScenarios) continue;
    let slip = 0;
    let isoLt: number | null = 0;
    let ok = true;
    aligned.assets.forEach((asset, a) => {
      if (cW[a] === 0) return;
      const s = params.slipAt[asset]?.(ts);
      if (s === undefined || !Number.isFinite(s)) ok = false;
      else slip += (cW[a]! * s) / cTotal;
      const lt = params.isolatedLtAt?.[asset]?.(ts);
      if (isoLt !== null) isoLt = lt === undefined ? null : isoLt + (cW[a]! * lt) / 10_000 / cTotal;
    });
    if (!ok) continue;
    if (params.isolatedLtAt === undefined) isoLt = null;
    const lt = Math.max(0, Math.floor(((1 - fhs.q) * (1 - slip) - eps) * 10_000 + 1e-9) / 10_000);
    // realised: hold the weights fixed in units from t to the worst hour of (t, t + H]
    let minRatio = Number.POSITIVE_INFINITY;
    for (let j = t + 1; j < n && aligned.ts[j]! <= ts + H * HOUR_MS; j++) {
      let cv = 0;
      let dv = params.debtUsd;
      for (let a = 0; a < aligned.assets.length; a++) {
        const g = aligned.close[a]![j]! / aligned.close[a]![t]!;
        cv += cW[a]! * g;
        dv += dW[a]! * g;
      }
      minRatio = Math.min(minRatio, dTotal > 0 ? cv / dv : cv);
    }
    if (minRatio === Number.POSITIVE_INFINITY) continue;
    const recovery = (minRatio / (dTotal > 0 ? cTotal / dTotal : cTotal)) * (1 - slip);
    samples.push({
      ts,
      ltBps: Math.round(lt * 10_000),
      isolatedLtBps: isoLt === null ? null : Math.floor(isoLt * 10_000 + 1e-9),
      recovery,
      breach: recovery < lt,
      isolatedBreach: isoLt === null ? null : recovery < isoLt,
    });
  }
  if (samples.length === 0)
    throw new PortfolioInputError(
      `candles: no sample with ${params.minScenarioDays ?? 180} days of scenarios and a complete ${H} h window in the ${n} common hours of ${names.join(', ')}`,
    );
  const p = 1 - options.alpha;
  const summarize = (hits: boolean[], lts: number[]): PortfolioBacktestSeriesSummary => {
    const breaches = hits.filter(Boolean).length;
    const kupiec = kupiecTest(breaches, hits.length, p);
    return {
      samples: hits.length,
      breaches,
      kupiec,
      christoffersen: christoffersenTest(hits, kupiec.lrPof),
      meanLtBps: lts.reduce((s, x) => s + x, 0) / lts.length,
      meanRequiredPerDebt:
        lts.reduce((s, x) => s + (x > 0 ? 10_000 / x : Number.POSITIVE_INFINITY), 0) / lts.length,
    };
  };
  const withIso = samples.every((s) => s.isolatedLtBps !== null);
  return {
    firstSampleTs: samples[0]!.ts,
    lastSampleTs: samples[samples.length - 1]!.ts,
    portfolio: summarize(
      samples.map((s) => s.breach),
      samples.map((s) => s.ltBps),
    ),
    isolated: withIso
      ? summarize(
          samples.map((s) => s.isolatedBreach!),
          samples.map((s) => s.isolatedLtBps!),
        )
      : null,
    meanDiversificationCreditShare: withIso
      ? samples.reduce((s, x) => s + (x.ltBps > 0 ? 1 - x.isolatedLtBps! / x.ltBps : 0), 0) / samples.length
      : null,
    samples,
    parameters: options,
  };
}
