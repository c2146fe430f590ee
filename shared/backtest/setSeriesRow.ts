import type { RiskParamsBps } from '../risk/types.js';
import type { SeriesColumns } from './types.js';

/** Writes row `k`: the numbers a SeriesRow holds (runs every backtest hour: no object is made). */
export function setSeriesRow(
  c: SeriesColumns,
  k: number,
  ts: number,
  p: RiskParamsBps,
  q: number,
  slipBps: number,
  degraded: boolean,
): void {
  c.ts[k] = ts;
  c.volIndexBps[k] = p.volIndexBps;
  c.ltvBps[k] = p.ltvBps;
  c.ltBps[k] = p.ltBps;
  c.lbBps[k] = p.lbBps;
  c.haircutBps[k] = p.haircutBps;
  c.qBps[k] = q;
  c.slipBps[k] = slipBps;
  c.degraded[k] = degraded ? 1 : 0;
}
