import type { SeriesRow } from './types.js';

/** The header of series.csv (issue 5). */
export const SERIES_CSV_HEADER =
  'ts_ms,vol_index_bps,ltv_bps,lt_bps,lb_bps,haircut_bps,q_bps,slip_bps,degraded';

/** series.csv: one row per hour, integers only, `degraded` as 0/1. */
export function formatSeriesCsv(rows: readonly SeriesRow[]): string {
  const lines = [SERIES_CSV_HEADER];
  for (const r of rows)
    lines.push(
      `${r.ts},${r.volIndexBps},${r.ltvBps},${r.ltBps},${r.lbBps},${r.haircutBps},${r.qBps},${r.slipBps},${r.degraded ? 1 : 0}`,
    );
  return `${lines.join('\n')}\n`;
}
