import type { AssetConfig } from '../config/assetsConfig.js';
import { HOUR_MS } from '../core/time.js';
import type { Candle } from '../core/types.js';
import { MODEL_VERSION } from '../risk/computeRiskRecord.js';
import { createCycleScratch, type Mutable } from '../risk/engine/createCycleScratch.js';
import { evaluateCycle, type EvaluateCycleParams } from '../risk/evaluateCycle.js';
import { createRiskSeries } from '../risk/series/createRiskSeries.js';
import { modelSpecFor } from '../risk/version/modelSpecFor.js';
import { assertJudgeableCandles } from './assertJudgeableCandles.js';
import type { PublishedState, RiskBook } from '../risk/types.js';
import { BacktestInputError } from './errors.js';
import type { SeriesColumns } from './types.js';
import { emptySeriesColumns } from './emptySeriesColumns.js';
import { setSeriesRow } from './setSeriesRow.js';

export interface RunBacktestParams {
  readonly asset: string;
  readonly candles: readonly Candle[];
  readonly config: AssetConfig;
  /** First row to emit (ms UTC, inclusive); earlier candles only warm the estimators up. */
  readonly from?: number;
  /** Candles opening at or after this (ms UTC) are not used at all. */
  readonly to?: number;
  /**
   * The book the cycle at the candle opening at `ts` sees; absent = none (square-root proxy).
   * A pair backtest hands over the collateral's liquidation cost this way (shared/backtest/pair).
   */
  readonly bookAt?: (ts: number) => RiskBook | undefined;
  /** Called every few hundred hours with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Engine version to run (v1 beside v2 in model-validation). @default DEFAULTS.modelVersion */
  readonly modelVersion?: string;
  /** Proceed over gaps longer than a day. @default false */
  readonly allowGaps?: boolean;
}

export interface RunBacktestResult {
  /** What is on-chain after each hour: APC, bounds and control layer (production path). */
  readonly published: SeriesColumns;
  /** The raw model: APC off, no bounds, no control layer (docs/methodology.md §9). */
  readonly raw: SeriesColumns;
  /** Trailing 30-day realised hourly volatility at each row (calm/stressed classification). */
  readonly realisedVol30d: Float64Array;
  /** Number of publications (first, deviation, heartbeat, freeze) over the emitted rows. */
  readonly publications: number;
  /** Candles used (after `to`), and the index of the candle of the first row. */
  readonly candlesUsed: readonly Candle[];
  readonly firstRowIndex: number;
  readonly warmupHours: number;
}

const qBps = (q: number | null): number => (q === null ? 0 : Math.min(10_000, Math.ceil(q * 10_000 - 1e-9)));

/**
 * Walk-forward backtest (docs/methodology.md §9): feeds the candles one hour at a time into the same
 * RiskSeries and evaluateCycle that computeRiskRecord uses in production, carrying the published
 * state (control layer, APC buffer) from hour to hour. The row at `t` uses candles up to the one
 * opening at `t` only: no look-ahead. Rows start once the engine has enough history (no freeze for
 * missing data) and at `from`. Books are absent, so slippage is the square-root proxy.
 */
export function runBacktest({
  asset,
  candles: all,
  config,
  from,
  to,
  onProgress,
  modelVersion = MODEL_VERSION,
  allowGaps = false,
  bookAt,
}: RunBacktestParams): RunBacktestResult {
  const candles = to === undefined ? all : all.filter((c) => c[0] < to);
  assertJudgeableCandles({ asset, candles, config, allowGaps });
  const spec = modelSpecFor(modelVersion, config);
  const series = createRiskSeries(config, spec);
  // One set of result objects for the whole walk: the cycles allocate nothing per hour.
  const scratch = createCycleScratch();
  let previous: PublishedState | undefined;
  let publications = 0;
  let firstRowIndex = -1;
  // Trailing 30-day realised volatility, by a two-pointer window over hourly-equivalent returns.
  let windowStart = 1;
  let sumSq = 0;
  const quality = { degraded: false, reasons: [] as string[] };
  const total = candles.length;
  // Rows go into columns sized for every candle (one allocation each, nothing per hour).
  const published = emptySeriesColumns(total);
  const raw = emptySeriesColumns(total);
  const realisedVol30d = new Float64Array(total);
  let rows = 0;
  // Returns kept for the 30-day window (the series keeps only its stress window); one allocation.
  const rets = new Float64Array(total);
  const firstTs = total === 0 ? 0 : candles[0]![0];
  // One parameter object for every cycle of the walk (its hour, book and previous state set per hour).
  const cycleParams: Mutable<EvaluateCycleParams> = {
    asset,
    asOf: 0,
    series,
    config,
    book: undefined,
    quality,
    previous,
    spec,
    explain: false,
    rangeCheck: false, // a flag and intermediates the rows do not carry
    scratch,
  };
  for (let t = 0; t < total; t++) {
    const candle = candles[t]!;
    series.push(candle);
    const r = series.returnAt(t);
    rets[t] = r;
    if (t >= 1) sumSq += r * r;
    while (windowStart <= t && candles[windowStart]![0] <= candle[0] - 720 * HOUR_MS) {
      const old = rets[windowStart]!;
      sumSq -= old * old;
      windowStart += 1;
    }
    if (onProgress !== undefined && (t % 500 === 0 || t === total - 1)) onProgress(t + 1, total);
    const asOf = candle[0] + HOUR_MS;
    const emitting = previous !== undefined || from === undefined || candle[0] >= from;
    if (!emitting) continue;
    // Before minHistoryDays of history the cycle is always insufficientHistory (assessDataQuality's
    // own test, on the same numbers), so no row could come of it: it is not evaluated at all. The
    // series still took the candle; the FHS samples catch up at their first read (same quantiles).
    if (previous === undefined && (asOf - firstTs) / HOUR_MS < config.minHistoryDays * 24) continue;
    cycleParams.asOf = asOf;
    cycleParams.book = bookAt?.(candle[0]);
    cycleParams.previous = previous;
    const cycle = evaluateCycle(cycleParams);
    if (previous === undefined && cycle.flags.insufficientHistory) continue; // still warming up
    if (firstRowIndex < 0) firstRowIndex = t;
    previous = cycle.nextState;
    if (cycle.publish.due) publications += 1;
    const m = cycle.intermediate;
    const slipBps = m.slip === null ? 10_000 : Math.min(10_000, Math.ceil(m.slip * 10_000 - 1e-9));
    const degraded = cycle.flags.degraded;
    setSeriesRow(published, rows, candle[0], cycle.published, qBps(m.qLt), slipBps, degraded);
    setSeriesRow(raw, rows, candle[0], cycle.raw, qBps(m.qLtNoApc), slipBps, degraded);
    const n = t - windowStart + 1;
    realisedVol30d[rows] = n > 0 ? Math.sqrt(Math.max(0, sumSq) / n) : Number.NaN;
    rows += 1;
  }
  if (firstRowIndex < 0) {
    const days = total === 0 ? 0 : (candles[total - 1]![0] + HOUR_MS - candles[0]![0]) / (24 * HOUR_MS);
    throw new BacktestInputError(
      `too little history for ${asset}: ${total} candles cover ${days.toFixed(1)} days; the engine needs ${config.minHistoryDays} days before the first row (minHistoryDays) plus the evaluation period`,
      { fix: 'use a longer CSV, an earlier --from, or a later --to' },
    );
  }
  return {
    published: head(published, rows),
    raw: head(raw, rows),
    realisedVol30d: realisedVol30d.subarray(0, rows),
    publications,
    candlesUsed: candles,
    firstRowIndex,
    warmupHours: (candles[firstRowIndex]![0] - candles[0]![0]) / HOUR_MS,
  };
}

/** The first `n` rows (views, no copy). */
function head(c: SeriesColumns, n: number): SeriesColumns {
  return {
    length: n,
    ts: c.ts.subarray(0, n),
    volIndexBps: c.volIndexBps.subarray(0, n),
    ltvBps: c.ltvBps.subarray(0, n),
    ltBps: c.ltBps.subarray(0, n),
    lbBps: c.lbBps.subarray(0, n),
    haircutBps: c.haircutBps.subarray(0, n),
    qBps: c.qBps.subarray(0, n),
    slipBps: c.slipBps.subarray(0, n),
    degraded: c.degraded.subarray(0, n),
  };
}
