import { createHash } from 'node:crypto';

export interface MachineSpeed {
  /** Median ms of a fixed single-threaded JavaScript loop (optimised code: dependent float math and typed-array reads). */
  readonly jsLoopMs: number;
  /** Median ms of SHA-256 over 32 MiB in Node's native crypto (no JIT involved). */
  readonly sha256Ms: number;
  /** Median ms of a million dependent reads at random places in 64 MiB (memory latency, which other tenants' load moves). */
  readonly memoryMs: number;
}

/** Runs per measure; the median is reported. @default 5 */
const RUNS = 5;
const values = new Float64Array(4096).map((_, i) => 1 + i / 4096);
const block = Buffer.alloc(32 * 1024 * 1024, 7);
/** A random cyclic permutation of 8 Mi slots (64 MiB): each read's address depends on the last. */
const chain = ((): Int32Array => {
  const n = 8 * 1024 * 1024;
  const order = new Int32Array(n).map((_, i) => i);
  let seed = 12345;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    const x = order[i]!;
    order[i] = order[j]!;
    order[j] = x;
  }
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[order[i]!] = order[(i + 1) % n]!;
  return next;
})();

/** About 8 million steps of a dependent chain, the kind of work the engine's window sums do. */
function jsLoop(): number {
  let x = 0;
  for (let round = 0; round < 2000; round++)
    for (let i = 0; i < values.length; i++) x = x * 0.999 + values[i]!;
  return x;
}

function memoryWalk(): number {
  let at = 0;
  for (let i = 0; i < 1_000_000; i++) at = chain[at]!;
  return at;
}

/**
 * The speed of this (shared) machine right now, on three fixed workloads. The benchmarks print it
 * before and after their figures: the same code measures up to half again slower at another hour of
 * the day. These numbers move with it, though far less (the float loop by about 10 % when a
 * backtest's CPU moves by 50 %: docs/model-validation.md), so they mark a slow phase rather than
 * give a factor to correct by.
 */
export function measureMachineSpeed(): MachineSpeed {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = (work: () => unknown): number => {
    const t0 = performance.now();
    work();
    return performance.now() - t0;
  };
  jsLoop(); // compiled before they are timed
  memoryWalk();
  const js: number[] = [];
  const sha: number[] = [];
  const memory: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    js.push(time(() => (sink += jsLoop())));
    sha.push(time(() => createHash('sha256').update(block).digest()));
    memory.push(time(() => (sink += memoryWalk())));
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the loop results used');
  return { jsLoopMs: median(js), sha256Ms: median(sha), memoryMs: median(memory) };
}
