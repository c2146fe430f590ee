import { HOUR_MS } from '../core/time.js';
import type { SeriesColumns, StressEpisode } from './types.js';

export interface EpisodeProcyclicality {
  /** Largest haircut increase over any 24 h ending inside the episode, bp. */
  readonly maxIncrease24hBps: number;
  /** Largest haircut increase over any 7 days ending inside the episode, bp. */
  readonly maxIncrease7dBps: number;
  /** Highest / lowest haircut inside the episode (1 = perfectly stable). */
  readonly peakToTrough: number | null;
  readonly minHaircutBps: number;
  readonly maxHaircutBps: number;
}

/**
 * Procyclicality of a haircut series inside one stress episode (docs/methodology.md §9): the largest 24 h and
 * 7-day haircut increases ending inside the episode, and the peak-to-trough ratio of the haircut.
 * Null when the series has no row inside the episode. `rows` ascend by `ts` (as runBacktest emits
 * them), so the rows of the previous 7 days are the ones just before: O(rows in the episode × 168)
 * with no lookup table.
 * @throws RangeError for rows not strictly ascending by `ts`.
 */
export function procyclicality(rows: SeriesColumns, episode: StressEpisode): EpisodeProcyclicality | null {
  const { ts, haircutBps } = rows;
  const n = rows.length;
  assertAscending(ts, n);
  // First row at or after the episode's start.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < episode.from) lo = mid + 1;
    else hi = mid;
  }
  // The scan is a function of its own (see assertAscending); its figures come back in `stats`.
  const stats = Float64Array.of(0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0);
  scanEpisode(ts, haircutBps, lo, n, episode.to, stats);
  const inc24 = stats[0]!;
  const inc7d = stats[1]!;
  const min = stats[2]!;
  const max = stats[3]!;
  const any = stats[4]! > 0;
  if (!any) return null;
  return {
    maxIncrease24hBps: inc24,
    maxIncrease7dBps: inc7d,
    peakToTrough: min > 0 ? max / min : null,
    minHaircutBps: min,
    maxHaircutBps: max,
  };
}

/** The check on its own (a loop the optimising compiler compiles alone, not with the code after it). */
function assertAscending(ts: Float64Array, n: number): void {
  for (let k = 1; k < n; k++)
    if (!(ts[k]! > ts[k - 1]!))
      throw new RangeError(`rows[${k}].ts is ${ts[k]}, not after rows[${k - 1}].ts; rows must ascend by ts`);
}

/**
 * Largest 24 h / 7-day haircut increases ending at rows `lo` … (before `to`), lowest and highest
 * haircut and the number of rows, kept in `out` (0, 0, +∞, −∞, 0 on entry) as the scan goes: nothing
 * runs after the loop, so its optimised code is never thrown away at the loop's end.
 */
function scanEpisode(
  ts: Float64Array,
  haircutBps: Float64Array,
  lo: number,
  n: number,
  to: number,
  out: Float64Array,
): void {
  for (let k = lo; k < n && ts[k]! < to; k++) {
    const haircut = haircutBps[k]!;
    const rowTs = ts[k]!;
    out[4] = out[4]! + 1;
    out[2] = Math.min(out[2]!, haircut);
    out[3] = Math.max(out[3]!, haircut);
    // Largest increase ending at this row from any row in the previous 24 h / 7 days.
    const from7d = rowTs - 168 * HOUR_MS;
    const from24 = rowTs - 24 * HOUR_MS;
    for (let j = k - 1; j >= 0 && ts[j]! >= from7d; j--) {
      const inc = haircut - haircutBps[j]!;
      if (ts[j]! >= from24) out[0] = Math.max(out[0]!, inc);
      out[1] = Math.max(out[1]!, inc);
    }
  }
}
