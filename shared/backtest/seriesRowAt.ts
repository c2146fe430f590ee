import type { SeriesColumns, SeriesRow } from './types.js';

/** Row `k` of a series as one object (for the few readers that want rows, not columns). */
export function seriesRowAt(columns: SeriesColumns, k: number): SeriesRow {
  if (!(Number.isInteger(k) && k >= 0 && k < columns.length))
    throw new RangeError(`row ${k} is outside the series (0 to ${columns.length - 1})`);
  return {
    ts: columns.ts[k]!,
    volIndexBps: columns.volIndexBps[k]!,
    ltvBps: columns.ltvBps[k]!,
    ltBps: columns.ltBps[k]!,
    lbBps: columns.lbBps[k]!,
    haircutBps: columns.haircutBps[k]!,
    qBps: columns.qBps[k]!,
    slipBps: columns.slipBps[k]!,
    degraded: columns.degraded[k] === 1,
  };
}
