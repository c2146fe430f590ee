import { createHash } from 'node:crypto';

export interface MachineSpeed {
  /** Median ms of a fixed single-threaded JavaScript loop (optimised code: dependent float math and typed-array reads). */
  readonly jsLoopMs: number;
  /** Median ms of SHA-256 over 32 MiB in Node's native crypto (no JIT involved). */
  readonly sha256Ms: number;
}

/** Runs per measure; the median is reported. @default 5 */
const RUNS = 5;
const values = new Float64Array(4096).map((_, i) => 1 + i / 4096);
const block = Buffer.alloc(32 * 1024 * 1024, 7);

/** About 8 million steps of a dependent chain, the kind of work the engine's window sums do. */
function jsLoop(): number {
  let x = 0;
  for (let round = 0; round < 2000; round++)
    for (let i = 0; i < values.length; i++) x = x * 0.999 + values[i]!;
  return x;
}

/**
 * The speed of this (shared) machine right now, on two fixed workloads. The benchmarks print it
 * before and after their figures: the same code measures up to a third slower at another hour of
 * the day, and these two numbers move with it, so figures of different runs can be compared.
 */
export function measureMachineSpeed(): MachineSpeed {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = (work: () => unknown): number => {
    const t0 = performance.now();
    work();
    return performance.now() - t0;
  };
  jsLoop(); // compiled before it is timed
  const js: number[] = [];
  const sha: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    js.push(time(() => (sink += jsLoop())));
    sha.push(time(() => createHash('sha256').update(block).digest()));
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the loop result used');
  return { jsLoopMs: median(js), sha256Ms: median(sha) };
}
