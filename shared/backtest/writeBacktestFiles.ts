import { writeFileSync } from 'node:fs';
import { makeDirectory } from '../core/makeDirectory.js';
import { join } from 'node:path';
import type { SeriesEvaluation } from './evaluateSeries.js';
import { formatSeriesCsv } from './formatSeriesCsv.js';
import { renderReport } from './report/renderReport.js';
import type { RunBacktestResult } from './runBacktest.js';
import { DEFAULT_STRESS_EPISODES } from './stressEpisodes.js';
import type { BacktestSummary } from './summarizeBacktest.js';
import type { SeriesKind } from './types.js';

export interface WriteBacktestFilesParams {
  readonly outDir: string;
  readonly summary: BacktestSummary;
  readonly run: RunBacktestResult;
  readonly publishedEvaluation: SeriesEvaluation;
  readonly emitted: SeriesKind;
  readonly command: string;
}

export interface BacktestFiles {
  readonly series: string;
  readonly summary: string;
  readonly report: string;
}

/** Writes a backtest's `series.csv`, `summary.json` and `report.html` into `outDir` (asset or pair alike). */
export function writeBacktestFiles(params: WriteBacktestFilesParams): BacktestFiles {
  const { outDir, summary, run } = params;
  makeDirectory(outDir);
  const files = {
    series: join(outDir, 'series.csv'),
    summary: join(outDir, 'summary.json'),
    report: join(outDir, 'report.html'),
  };
  writeFileSync(files.series, formatSeriesCsv(params.emitted === 'raw' ? run.raw : run.published));
  writeFileSync(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(
    files.report,
    renderReport({
      summary,
      published: run.published,
      raw: run.raw,
      publishedEvaluation: params.publishedEvaluation,
      candles: run.candlesUsed,
      episodes: DEFAULT_STRESS_EPISODES,
      command: params.command,
    }),
  );
  return files;
}
