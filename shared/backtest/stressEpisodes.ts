import type { StressEpisode } from './types.js';

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);

/**
 * The stress episodes of the shared candle data (docs/methodology.md §9), as windows around each
 * crash. Used for procyclicality and shading; episodes outside a run's range are dropped.
 */
export const DEFAULT_STRESS_EPISODES: readonly StressEpisode[] = [
  { name: '2021-05-19 crash', from: day(2021, 5, 10), to: day(2021, 5, 26) },
  { name: '2022-05 LUNA', from: day(2022, 5, 5), to: day(2022, 5, 19) },
  { name: '2022-11 FTX', from: day(2022, 11, 6), to: day(2022, 11, 15) },
  { name: '2024-08-05', from: day(2024, 8, 1), to: day(2024, 8, 8) },
];
