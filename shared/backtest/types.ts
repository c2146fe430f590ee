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

export type SeriesKind = 'published' | 'raw';

/** A stress episode: a named window for procyclicality and shading. */
export interface StressEpisode {
  readonly name: string;
  /** ms UTC, inclusive. */
  readonly from: number;
  /** ms UTC, exclusive. */
  readonly to: number;
}
