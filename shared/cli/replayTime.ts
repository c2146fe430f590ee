import { HOUR_MS } from '../core/time.js';
import type { ReplayWindow } from './options/parseReplay.js';

/** How a replay moves simulated time (`ballast run --replay`). */
export interface ReplayClock {
  readonly window: ReplayWindow;
  /** Simulated ms per real ms (`--speed`, e.g. 1h/s = 3600). */
  readonly speed: number;
  /** Exactly this much simulated time per cycle (`--step`, deterministic), instead of the speed. */
  readonly stepMs?: number;
}

export interface ReplayTimeParams {
  /** 1-based cycle number. */
  readonly cycle: number;
  /** Real ms since the replay started. */
  readonly elapsedMs: number;
  /** Simulated time of the previous cycle, ms UTC; absent for the first. */
  readonly previousMs?: number;
}

/**
 * Simulated time of a replay cycle, ms UTC, or undefined once past the window's end. With
 * `--step`: from + (cycle − 1) × step. With `--speed`: from + speed × real time elapsed, and at
 * least an hour past the previous cycle (a new hourly candle each cycle, however slow a cycle is).
 */
export function replayTime(
  clock: ReplayClock,
  { cycle, elapsedMs, previousMs }: ReplayTimeParams,
): number | undefined {
  const simNow =
    clock.stepMs === undefined
      ? Math.max(
          clock.window.fromMs + clock.speed * elapsedMs,
          previousMs === undefined ? Number.NEGATIVE_INFINITY : previousMs + HOUR_MS,
        )
      : clock.window.fromMs + (cycle - 1) * clock.stepMs;
  return simNow > clock.window.toMs ? undefined : simNow;
}
