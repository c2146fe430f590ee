/** One row of series.csv: what is published once the candle opening at `ts` has closed. */
export interface SeriesRow {
  /** Open time of the hourly candle, ms UTC (values are known at its close, ts + 1 h). */
  readonly ts: number;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  readonly haircutBps: number;
  /** Drop quantile behind LT (after APC for the published series; σ_fast only for raw), bp rounded up. */
  readonly qBps: number;
  /** Slippage of selling Q, bp rounded up (the value breaches are evaluated with). */
  readonly slipBps: number;
  readonly degraded: boolean;
}

/**
 * The rows of one series, column by column (row k of series.csv is index k of every column): the
 * backtest writes its 43 800 hourly rows into these typed arrays instead of one object per row, so
 * the walk keeps no per-hour object alive (nothing for the garbage collector to copy or promote).
 * Every column holds exactly the numbers a SeriesRow would (doubles; `degraded` as 0/1).
 */
export interface SeriesColumns {
  readonly length: number;
  readonly ts: Float64Array;
  readonly volIndexBps: Float64Array;
  readonly ltvBps: Float64Array;
  readonly ltBps: Float64Array;
  readonly lbBps: Float64Array;
  readonly haircutBps: Float64Array;
  readonly qBps: Float64Array;
  readonly slipBps: Float64Array;
  readonly degraded: Uint8Array;
}

export type SeriesKind = 'published' | 'raw';

/** A stress episode: a named window for procyclicality and shading. */
export interface StressEpisode {
  readonly name: string;
  /** ms UTC, inclusive. */
  readonly from: number;
  /** ms UTC, exclusive. */
  readonly to: number;
}
