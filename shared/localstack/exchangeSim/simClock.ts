/** The simulator's clock: real time plus an offset that replays and `POST /sim/clock` move. */
export interface SimClock {
  /** Simulated time, ms UTC. */
  now(): number;
  /** Moves simulated time to `nowMs`; time then flows at real speed from there. */
  set(nowMs: number): void;
  /** True once the clock was moved off real time (a replay). */
  readonly moved: () => boolean;
}

/** A clock that starts at `base()` (real time, or a test's fixed clock) and can be moved. */
export function simClock(base: () => number, startMs?: number): SimClock {
  let offset = startMs === undefined ? 0 : startMs - base();
  let moved = startMs !== undefined;
  return {
    now: () => base() + offset,
    set(nowMs) {
      offset = nowMs - base();
      moved = true;
    },
    moved: () => moved,
  };
}
