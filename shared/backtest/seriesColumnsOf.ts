import { emptySeriesColumns } from './emptySeriesColumns.js';
import { setSeriesRow } from './setSeriesRow.js';
import type { SeriesColumns, SeriesRow } from './types.js';

/** The columns holding `rows` (a copy, e.g. for rows built by hand); `seriesRowAt` reads one back. */
export function seriesColumnsOf(rows: readonly SeriesRow[]): SeriesColumns {
  const columns = { ...emptySeriesColumns(rows.length), length: rows.length };
  for (const [k, r] of rows.entries()) setSeriesRow(columns, k, r.ts, r, r.qBps, r.slipBps, r.degraded);
  return columns;
}
