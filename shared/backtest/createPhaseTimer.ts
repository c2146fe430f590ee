/** CPU and wall time of one phase of a command, ms. */
export interface PhaseTiming {
  readonly phase: string;
  /** User + system CPU of the whole process over the phase (V8's compiler and GC threads included). */
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface PhaseTimer {
  /** Closes the phase that began at the previous mark (or at creation) under `phase`. */
  mark(phase: string): void;
  /**
   * The phases marked so far, after `start-up`: what the process spent before the timer was
   * created (Node's start, loading the command, reading its configuration).
   */
  timings(): readonly PhaseTiming[];
  /** Wall time from the timer's creation to the last mark, ms (the marked phases, start-up excluded). */
  elapsedMs(): number;
}

/**
 * Times the phases of a command in its own process (`ballast backtest --timings`): a figure such
 * as "the walk itself" is then read inside the very run whose whole-process time is measured,
 * not in a benchmark's warmed-up process (docs/model-validation.md, speed).
 */
export function createPhaseTimer(): PhaseTimer {
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let cpu = cpuNow();
  let wall = performance.now(); // ms since the process started
  const created = wall;
  const timings: PhaseTiming[] = [{ phase: 'start-up', cpuMs: cpu, wallMs: wall }];
  return {
    mark(phase) {
      const c = cpuNow();
      const w = performance.now();
      timings.push({ phase, cpuMs: c - cpu, wallMs: w - wall });
      cpu = c;
      wall = w;
    },
    timings: () => timings,
    elapsedMs: () => wall - created,
  };
}
