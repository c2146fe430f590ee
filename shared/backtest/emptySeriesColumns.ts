import type { SeriesColumns } from './types.js';

/** Columns with room for `n` rows and none written yet (`length` 0; setSeriesRow fills them). */
export function emptySeriesColumns(n: number): SeriesColumns {
  return {
    length: 0,
    ts: new Float64Array(n),
    volIndexBps: new Float64Array(n),
    ltvBps: new Float64Array(n),
    ltBps: new Float64Array(n),
    lbBps: new Float64Array(n),
    haircutBps: new Float64Array(n),
    qBps: new Float64Array(n),
    slipBps: new Float64Array(n),
    degraded: new Uint8Array(n),
  };
}
