import { HOUR_MS } from '../core/time.js';
import type { SeriesRow, StressEpisode } from './types.js';

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
 * Null when the series has no row inside the episode.
 */
export function procyclicality(
  rows: readonly SeriesRow[],
  episode: StressEpisode,
): EpisodeProcyclicality | null {
  const byTs = new Map<number, number>();
  for (const row of rows) byTs.set(row.ts, row.haircutBps);
  let inc24 = 0;
  let inc7d = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let any = false;
  for (const row of rows) {
    if (row.ts < episode.from || row.ts >= episode.to) continue;
    any = true;
    min = Math.min(min, row.haircutBps);
    max = Math.max(max, row.haircutBps);
    // Largest increase ending at this row from any row in the previous 24 h / 7 days.
    for (let h = 1; h <= 168; h++) {
      const before = byTs.get(row.ts - h * HOUR_MS);
      if (before === undefined) continue;
      const inc = row.haircutBps - before;
      if (h <= 24) inc24 = Math.max(inc24, inc);
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
