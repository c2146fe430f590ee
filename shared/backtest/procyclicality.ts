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
  for (let k = 1; k < n; k++)
    if (!(ts[k]! > ts[k - 1]!))
      throw new RangeError(`rows[${k}].ts is ${ts[k]}, not after rows[${k - 1}].ts; rows must ascend by ts`);
  // First row at or after the episode's start.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < episode.from) lo = mid + 1;
    else hi = mid;
  }
  let inc24 = 0;
  let inc7d = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let any = false;
  for (let k = lo; k < n && ts[k]! < episode.to; k++) {
    const haircut = haircutBps[k]!;
    const rowTs = ts[k]!;
    any = true;
    min = Math.min(min, haircut);
    max = Math.max(max, haircut);
    // Largest increase ending at this row from any row in the previous 24 h / 7 days.
    const from7d = rowTs - 168 * HOUR_MS;
    const from24 = rowTs - 24 * HOUR_MS;
    for (let j = k - 1; j >= 0 && ts[j]! >= from7d; j--) {
      const inc = haircut - haircutBps[j]!;
      if (ts[j]! >= from24) inc24 = Math.max(inc24, inc);
      inc7d = Math.max(inc7d, inc);
    }
  }
  if (!any) return null;
  return {
    maxIncrease24hBps: inc24,
    maxIncrease7dBps: inc7d,
    peakToTrough: min > 0 ? max / min : null,
    minHaircutBps: min,
    maxHaircutBps: max,
  };
}
