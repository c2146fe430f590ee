/**
 * Informational: health factors and the impact of one candidate round for 100,000 positions over
 * 50 assets in one cycle (docs/positions.md), the pure part the publisher runs before signing.
 *   npx tsx bench/positions.ts [--positions N] [--assets N] [--runs N]
 * Positions are seeded (mulberry32): 1–3 collateral assets each, USD debt at HF 0.9–2.5 under the
 * on-chain LTs; the candidate lowers every LT by 300 bp. Prints the median and slowest time of
 * `positionImpact` over the runs, the peak heap and RSS while it ran, and the impact's counts; then
 * the same for the monitor's `assessPositions` (both HFs, the alert state, the near-edge list).
 */
import { parseArgs } from 'node:util';
import { mulberry32 } from '../shared/core/mulberry32.js';
import { positionImpact } from '../shared/risk/health/positionImpact.js';
import { assessPositions } from '../shared/positions/monitor/assessPositions.js';
import {
  DEFAULT_MAX_NEAR_EDGE_STORED,
  DEFAULT_NEAR_EDGE_MARGIN,
} from '../shared/positions/monitor/MonitorContext.js';
import type { HealthPosition } from '../shared/risk/health/types.js';

/** @default 100000 */
const DEFAULT_POSITIONS = 100_000;
/** @default 50 */
const DEFAULT_ASSETS = 50;
/** @default 7 */
const DEFAULT_RUNS = 7;

const { values } = parseArgs({
  options: { positions: { type: 'string' }, assets: { type: 'string' }, runs: { type: 'string' } },
});
const read = (flag: string, value: string | undefined, fallback: number): number => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench/positions: --${flag} must be a positive integer, got ${value}\n`);
    process.exit(2);
  }
  return n;
};
const count = read('positions', values.positions, DEFAULT_POSITIONS);
const assetCount = read('assets', values.assets, DEFAULT_ASSETS);
const runs = read('runs', values.runs, DEFAULT_RUNS);

const random = mulberry32(15);
const assets = Array.from({ length: assetCount }, (_, i) => `A${i}`);
const prices: Record<string, number> = { USD: 1 };
const current: Record<string, number> = {};
const candidate: Record<string, number> = {};
for (const asset of assets) {
  prices[asset] = 10 ** (random() * 5);
  current[asset] = 7_000 + Math.floor(random() * 2_000);
  candidate[asset] = (current[asset] as number) - 300;
}
const heapBefore = process.memoryUsage().heapUsed;
const positions: HealthPosition[] = [];
for (let i = 0; i < count; i++) {
  const collateral: Record<string, number> = {};
  let adjusted = 0;
  const held = 1 + Math.floor(random() * 3);
  for (let k = 0; k < held; k++) {
    const asset = assets[Math.floor(random() * assetCount)] as string;
    const amount = (1_000 + random() * 99_000) / (prices[asset] as number);
    collateral[asset] = (collateral[asset] ?? 0) + amount;
    adjusted += (amount * (prices[asset] as number) * (current[asset] as number)) / 10_000;
  }
  const hf = 0.9 + random() * 1.6;
  positions.push({ id: `bench/${i}`, collateral, debt: { USD: adjusted / hf } });
}
const positionsHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

let peakHeap = 0;
let peakRss = 0;
const sample = (): void => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
};
const times: number[] = [];
let impact: ReturnType<typeof positionImpact> | undefined;
for (let run = 0; run < runs; run++) {
  sample();
  const start = performance.now();
  impact = positionImpact({
    positions,
    prices,
    current: { ltBps: current },
    candidate: { ltBps: candidate },
  });
  times.push(performance.now() - start);
  sample();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
const assessTimes: number[] = [];
let assessed: ReturnType<typeof assessPositions> | undefined;
for (let run = 0; run < runs; run++) {
  sample();
  const start = performance.now();
  assessed = assessPositions({
    positions,
    prices,
    current: { ltBps: current },
    next: { ltBps: candidate },
    nearEdgeMargin: DEFAULT_NEAR_EDGE_MARGIN,
    maxNearEdgeStored: DEFAULT_MAX_NEAR_EDGE_STORED,
  });
  assessTimes.push(performance.now() - start);
  sample();
}
assessTimes.sort((a, b) => a - b);
const assessMedian = assessTimes[Math.floor(assessTimes.length / 2)] as number;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
console.log(
  [
    `positions ${count.toLocaleString('en-US')} over ${assetCount} assets (1–3 collaterals each), ${runs} runs`,
    `positionImpact: median ${median.toFixed(1)} ms, slowest ${(times.at(-1) as number).toFixed(1)} ms (${((median * 1_000) / count).toFixed(2)} µs per position, two HFs each)`,
    `memory: positions ≈ ${positionsHeapMb.toFixed(0)} MiB of heap; highest heap ${mb(peakHeap)} and RSS ${mb(peakRss)} sampled before and after each run`,
    `assessPositions (monitor): median ${assessMedian.toFixed(1)} ms, slowest ${(assessTimes.at(-1) as number).toFixed(1)} ms; ${assessed?.nearEdge.length ?? 0} near the edge stored (+${assessed?.truncated ?? 0} beyond the cap), states ${JSON.stringify(assessed?.states ?? {})}`,
    `impact: ${impact?.newlyLiquidatable.positions ?? 0} newly liquidatable of ${impact?.evaluated ?? 0} evaluated, ${impact?.liquidatableBefore ?? 0} already, ${impact?.belowAlert ?? 0} below alert level, ${impact?.byAsset.length ?? 0} asset lines`,
  ].join('\n'),
);
