import { readFileSync } from 'node:fs';
import type { AssetConfig } from '../config/assetsConfig.js';
import { DEFAULTS } from '../config/defaults.js';
import { createPhaseTimer, type PhaseTiming } from './createPhaseTimer.js';
import { BacktestInputError } from './errors.js';
import { readCandlesCsv } from './readCandlesCsv.js';
import { runBacktest } from './runBacktest.js';
import { DEFAULT_STRESS_EPISODES } from './stressEpisodes.js';
import { summarizeBacktest, type BacktestSummary } from './summarizeBacktest.js';
import type { SeriesKind } from './types.js';
import { writeBacktestFiles } from './writeBacktestFiles.js';

export interface WriteBacktestParams {
  readonly candlesPath: string;
  readonly asset: string;
  /** Resolved asset configuration (defaults filled in, overrides applied). */
  readonly config: AssetConfig;
  readonly outDir: string;
  readonly emitted: SeriesKind;
  readonly from?: number;
  readonly to?: number;
  readonly staticParams?: { readonly ltvBps: number; readonly ltBps: number };
  /** Breach-evaluation horizon (docs/methodology.md §9: 24 h). */
  readonly evaluationHorizonHours?: number;
  readonly command: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Proceed over gaps longer than a day (`--allow-gaps`). @default false */
  readonly allowGaps?: boolean;
}

export interface WriteBacktestResult {
  readonly summary: BacktestSummary;
  readonly files: { readonly series: string; readonly summary: string; readonly report: string };
  readonly elapsedMs: number;
  /** CPU and wall time of start-up, read, walk, evaluate and write (`ballast backtest --timings`). */
  readonly timings: readonly PhaseTiming[];
}

/**
 * Reads the candle CSV, walks forward, evaluates and writes series.csv, summary.json and
 * report.html into `outDir` (issue 5). The only I/O of the backtest; everything else is pure.
 */
export function writeBacktest(params: WriteBacktestParams): WriteBacktestResult {
  const timer = createPhaseTimer();
  let text: string;
  try {
    text = readFileSync(params.candlesPath, 'utf8');
  } catch (error) {
    throw new BacktestInputError(
      `--candles: cannot read ${params.candlesPath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const { candles, gapHours, gaps, lastLine } = readCandlesCsv(text, params.candlesPath);
  const usable = params.to === undefined ? candles : candles.filter((c) => c[0] < params.to!);
  const spanDays =
    usable.length === 0 ? 0 : (usable[usable.length - 1]![0] - usable[0]![0]) / 86_400_000 + 1 / 24;
  const neededDays =
    params.config.minHistoryDays + (params.evaluationHorizonHours ?? DEFAULTS.backtestHorizonHours) / 24 + 1;
  if (spanDays < neededDays) {
    throw new BacktestInputError(
      `${params.candlesPath}:${lastLine}: too little history: the rows up to line ${lastLine}${params.to === undefined ? '' : ' (before --to)'} cover ${spanDays.toFixed(1)} days; ` +
        `a backtest needs at least ${neededDays} (minHistoryDays ${params.config.minHistoryDays} of warm-up, one evaluation window and a day)`,
    );
  }
  timer.mark('read');
  const run = runBacktest({
    asset: params.asset,
    candles,
    config: params.config,
    ...(params.from === undefined ? {} : { from: params.from }),
    ...(params.to === undefined ? {} : { to: params.to }),
    ...(params.onProgress === undefined ? {} : { onProgress: params.onProgress }),
    ...(params.allowGaps === undefined ? {} : { allowGaps: params.allowGaps }),
  });
  timer.mark('walk');
  const { summary, published } = summarizeBacktest({
    asset: params.asset,
    config: params.config,
    run,
    emitted: params.emitted,
    gapHours,
    gaps,
    evaluationHorizonHours: params.evaluationHorizonHours ?? DEFAULTS.backtestHorizonHours,
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
  return { summary, files, elapsedMs: timer.elapsedMs(), timings: timer.timings() };
}
