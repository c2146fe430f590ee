import type { SeriesColumns, SeriesRow } from './types.js';

/** The columns holding `rows` (a copy, e.g. for rows built by hand); `seriesRowAt` reads one back. */
export function seriesColumnsOf(rows: readonly SeriesRow[]): SeriesColumns {
  const n = rows.length;
  const columns = {
    length: n,
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
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    columns.ts[k] = r.ts;
    columns.volIndexBps[k] = r.volIndexBps;
    columns.ltvBps[k] = r.ltvBps;
    columns.ltBps[k] = r.ltBps;
    columns.lbBps[k] = r.lbBps;
    columns.haircutBps[k] = r.haircutBps;
    columns.qBps[k] = r.qBps;
    columns.slipBps[k] = r.slipBps;
    columns.degraded[k] = r.degraded ? 1 : 0;
  }
  return columns;
}
