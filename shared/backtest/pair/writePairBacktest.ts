import { readFileSync } from 'node:fs';
import type { AssetConfig } from '../../config/assetsConfig.js';
import { DEFAULTS } from '../../config/defaults.js';
import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { ratioCandles } from '../../risk/crossAsset/ratioCandles.js';
import { createPhaseTimer, type PhaseTiming } from '../createPhaseTimer.js';
import { BacktestInputError } from '../errors.js';
import { readCandlesCsv } from '../readCandlesCsv.js';
import { runBacktest } from '../runBacktest.js';
import { DEFAULT_STRESS_EPISODES } from '../stressEpisodes.js';
import { summarizeBacktest, type BacktestSummary } from '../summarizeBacktest.js';
import type { SeriesKind } from '../types.js';
import { writeBacktestFiles } from '../writeBacktestFiles.js';
import { collateralProxySlippage } from './collateralProxySlippage.js';
import { slippageBook } from './slippageBook.js';

/**
 * Smallest share of each file's hours (inside the common span) that the other must also have.
 * @default 0.95
 */
export const PAIR_MIN_OVERLAP = 0.95;

export interface WritePairBacktestParams {
  /** Collateral C's candles (USD) and debt D's candles (USD). */
  readonly candlesPath: string;
  readonly quoteCandlesPath: string;
  /** Pair id, `C/D`. */
  readonly pair: string;
  /** Resolved configuration of the pair: the collateral's, with the pair's bounds. */
  readonly config: AssetConfig;
  readonly outDir: string;
  readonly emitted: SeriesKind;
  readonly from?: number;
  readonly to?: number;
  readonly staticParams?: { readonly ltvBps: number; readonly ltBps: number };
  readonly evaluationHorizonHours?: number;
  readonly command: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WritePairBacktestResult {
  readonly summary: BacktestSummary;
  readonly files: { readonly series: string; readonly summary: string; readonly report: string };
  readonly elapsedMs: number;
  /** CPU and wall time of start-up, read, walk, evaluate and write (`ballast backtest --timings`). */
  readonly timings: readonly PhaseTiming[];
  /** Hours present in only one of the two files (inside the common span). */
  readonly unmatchedHours: { readonly collateral: number; readonly debt: number };
}

function readCsv(path: string, flag: string): Candle[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BacktestInputError(`${flag}: cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return readCandlesCsv(text, path).candles;
}

/**
 * Pair backtest (docs/methodology.md §9 and docs/cross-asset.md): the walk-forward of the single-asset backtest on the
 * ratio series `P_C / P_D`, with the collateral's liquidation slippage, evaluated with the same
 * tests and written as the same series.csv, summary.json and report.html. Refuses files that do not
 * describe the same hours: no common span, or (inside the common span) more than 5 % of either
 * file's hours missing from the other, naming the first unmatched hour.
 */
export function writePairBacktest(params: WritePairBacktestParams): WritePairBacktestResult {
  const timer = createPhaseTimer();
  const collateral = readCsv(params.candlesPath, '--candles');
  const debt = readCsv(params.quoteCandlesPath, '--quote-candles');
  const spanFrom = Math.max(collateral[0]![0], debt[0]![0]);
  const spanTo = Math.min(collateral[collateral.length - 1]![0], debt[debt.length - 1]![0]);
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  if (spanFrom > spanTo)
    throw new BacktestInputError(
      `--quote-candles: ${params.quoteCandlesPath} (${iso(debt[0]![0])} to ${iso(debt[debt.length - 1]![0])}) does not overlap --candles ${params.candlesPath} (${iso(collateral[0]![0])} to ${iso(collateral[collateral.length - 1]![0])}); a pair needs both legs at the same hours`,
    );
  const inSpan = (c: Candle): boolean => c[0] >= spanFrom && c[0] <= spanTo;
  const cSpan = collateral.filter(inSpan);
  const dSpan = debt.filter(inSpan);
  const dHours = new Set(dSpan.map((c) => c[0]));
  const cHours = new Set(cSpan.map((c) => c[0]));
  const cOnly = cSpan.filter((c) => !dHours.has(c[0]));
  const dOnly = dSpan.filter((c) => !cHours.has(c[0]));
  for (const [flag, path, only, total] of [
    ['--candles', params.candlesPath, cOnly, cSpan.length],
    ['--quote-candles', params.quoteCandlesPath, dOnly, dSpan.length],
  ] as const)
    if (only.length > (1 - PAIR_MIN_OVERLAP) * total)
      throw new BacktestInputError(
        `${flag}: ${only.length} of the ${total} hours of ${path} inside the common span have no candle in the other file (first ${iso(only[0]![0])}); at most ${Math.round((1 - PAIR_MIN_OVERLAP) * 100)} % may be unmatched`,
        { fix: 'give both legs hourly candles from the same source and period' },
      );
  const ratio = ratioCandles({ collateral, debt });
  const candles: Candle[] = ratio.candles;
  const slipAll = collateralProxySlippage(collateral, params.config);
  const slipByTs = new Map<number, number>();
  collateral.forEach((c, i) => slipByTs.set(c[0], slipAll[i]!));
  const closeByTs = new Map<number, number>(candles.map((c) => [c[0], c[4]]));
  const bookAt = (ts: number) => {
    const slip = slipByTs.get(ts);
    const reference = closeByTs.get(ts);
    if (slip === undefined || !Number.isFinite(slip) || reference === undefined) return undefined;
    return slippageBook({
      referencePrice: reference,
      slip: Math.min(slip, 0.999),
      sizeUsd: params.config.liquidationSizeUsd,
    });
  };
  const usable = params.to === undefined ? candles : candles.filter((c) => c[0] < params.to!);
  const spanDays =
    usable.length === 0 ? 0 : (usable[usable.length - 1]![0] - usable[0]![0]) / 86_400_000 + 1 / 24;
  const horizon = params.evaluationHorizonHours ?? DEFAULTS.backtestHorizonHours;
  const neededDays = params.config.minHistoryDays + horizon / 24 + 1;
  if (spanDays < neededDays)
    throw new BacktestInputError(
      `--pair ${params.pair}: the common hours of both files cover ${spanDays.toFixed(1)} days; a backtest needs at least ${neededDays} (minHistoryDays ${params.config.minHistoryDays} of warm-up, one evaluation window and a day)`,
    );
  timer.mark('read');
  const run = runBacktest({
    asset: params.pair,
    candles,
    config: params.config,
    bookAt,
    ...(params.from === undefined ? {} : { from: params.from }),
    ...(params.to === undefined ? {} : { to: params.to }),
    ...(params.onProgress === undefined ? {} : { onProgress: params.onProgress }),
  });
  const gaps = candles.reduce(
    (acc, c, i) => {
      if (i === 0) return acc;
      const g = (c[0] - candles[i - 1]![0]) / HOUR_MS - 1;
      return g > 0 ? { gaps: acc.gaps + 1, gapHours: acc.gapHours + g } : acc;
    },
    { gaps: 0, gapHours: 0 },
  );
  timer.mark('walk');
  const { summary, published } = summarizeBacktest({
    asset: params.pair,
    config: params.config,
    run,
    emitted: params.emitted,
    gapHours: gaps.gapHours,
    gaps: gaps.gaps,
    evaluationHorizonHours: horizon,
    ...(params.staticParams === undefined ? {} : { staticParams: params.staticParams }),
    episodes: DEFAULT_STRESS_EPISODES,
  });
  timer.mark('evaluate');
  const files = writeBacktestFiles({
    outDir: params.outDir,
    summary,
    run,
    publishedEvaluation: published,
    emitted: params.emitted,
    command: params.command,
  });
  timer.mark('write');
  return {
    summary,
    files,
    elapsedMs: timer.elapsedMs(),
    timings: timer.timings(),
    unmatchedHours: { collateral: cOnly.length, debt: dOnly.length },
  };
}
