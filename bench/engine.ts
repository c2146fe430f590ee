/**
 * Risk engine benchmark (docs/methodology.md §8.4). For 100 assets with one year of hourly history
 * each: one cycle from each asset's stored checkpoint (parse the stored JSON, restore, push the new
 * candle, evaluate, hash, save and serialise the next checkpoint), beside the same cycle recomputed
 * from the whole history; and the walk-forward over the same year for one asset. Prints medians
 * over repeated runs of this process's CPU time (user + system, ms), the peak memory and the
 * checkpoint's size. Run: npx tsx bench/engine.ts
 */
import { gzipSync } from 'node:zlib';
import { asOfAfter, syntheticCandles, testAssetConfig } from '../test/fixtures/risk/syntheticCandles.js';
import { HOUR_MS } from '../shared/core/time.js';
import { computeRiskCycle } from '../shared/risk/computeRiskCycle.js';
import { computeRiskRecord, MODEL_VERSION } from '../shared/risk/computeRiskRecord.js';
import type { EngineState } from '../shared/risk/engine/EngineState.js';
import { modelSpecFor } from '../shared/risk/version/modelSpecFor.js';
import { evaluateCycle } from '../shared/risk/evaluateCycle.js';
import { hashCanonical } from '../shared/risk/provenance/hashCanonical.js';
import { createRiskSeries } from '../shared/risk/series/createRiskSeries.js';
import type { PublishedState } from '../shared/risk/types.js';

const ASSETS = 100;
const HOURS = 8760;
const RUNS = 5;
const quality = { degraded: false, reasons: [] as string[] };
const config = testAssetConfig({ minHistoryDays: 90, fhsMinDays: 180, stressLookbackDays: 365 });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
/** Process CPU time, ms (user + system): on a shared machine wall time measures the neighbours too. */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const generateHistories = () =>
  Array.from({ length: ASSETS }, (_, i) => syntheticCandles({ seed: 1000 + i, hours: HOURS }));
let histories = generateHistories();
let peakRss = process.memoryUsage().rss;
const baseRss = peakRss;

// What the store holds before the cycle: each asset's checkpoint after all but its last candle
// (as the JSON text a checkpoint is stored as) and its control state; and what the cycle is handed:
// the new candle and its time.
const stored = histories.map((candles, i) => {
  const first = computeRiskCycle({
    inputs: {
      asset: `A${i}`,
      asOf: candles[HOURS - 2]![0] + HOUR_MS,
      candles: candles.slice(0, HOURS - 1),
      quality,
    },
    config,
  });
  return {
    checkpoint: JSON.stringify(first.state),
    previous: first.record.nextState,
    asOf: asOfAfter(candles),
    newCandles: candles.slice(HOURS - 1),
  };
});
peakRss = Math.max(peakRss, process.memoryUsage().rss);
// A compute Lambda holds no year of candles per asset, only the checkpoints and the new candles:
// the 100 histories (876,000 candle arrays, about 200 MB) are let go while the checkpoint cycle is
// timed. Held, they made every full collection walk them: Node 24's V8 starts one whenever
// ArrayBuffer memory grows (external memory pressure), 15 in the five runs, 1.4 s of the figure.
histories = [];
const fromCheckpoint: number[] = [];
let checkpointBytes = 0;
let checkpointGzip = 0;
for (let run = 0; run < RUNS; run++) {
  const t0 = cpuNow();
  for (let i = 0; i < ASSETS; i++) {
    const { checkpoint, previous, asOf, newCandles } = stored[i]!;
    const cycle = computeRiskCycle({
      inputs: { asset: `A${i}`, asOf, candles: newCandles, quality },
      config,
      previous,
      checkpoint: JSON.parse(checkpoint) as EngineState,
    });
    hashCanonical(cycle.state, 'rfc8785-sha256');
    const text = JSON.stringify(cycle.state);
    if (run === 0 && i === 0) {
      checkpointBytes = Buffer.byteLength(text);
      checkpointGzip = gzipSync(text).length;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  fromCheckpoint.push(cpuNow() - t0);
}

const checkpointPeakRss = peakRss;
histories = generateHistories(); // the same candles again (seeded), for the two measures below

const fromHistory: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = cpuNow();
  for (let i = 0; i < ASSETS; i++) {
    const candles = histories[i]!;
    computeRiskRecord({
      inputs: { asset: `A${i}`, asOf: asOfAfter(candles), candles, quality },
      config,
      previous: stored[i]!.previous,
    });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  fromHistory.push(cpuNow() - t0);
}

const walkTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const candles = histories[run]!;
  const t0 = cpuNow();
  const spec = modelSpecFor(MODEL_VERSION, config);
  const series = createRiskSeries(config, spec);
  let previous: PublishedState | undefined;
  for (const candle of candles) {
    series.push(candle);
    previous = evaluateCycle({
      asset: 'A',
      asOf: candle[0] + HOUR_MS,
      series,
      config,
      book: undefined,
      quality,
      previous,
      spec,
      explain: false,
    }).nextState;
  }
  walkTimes.push(cpuNow() - t0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

const cp = median(fromCheckpoint);
const full = median(fromHistory);
console.log(`bench/engine.ts — npx tsx bench/engine.ts (Node ${process.version})`);
console.log(
  `one cycle from checkpoints, ${ASSETS} assets × ${HOURS} h history: median ${cp.toFixed(0)} ms CPU total, ${(cp / ASSETS).toFixed(2)} ms per asset (${RUNS} runs; parse, restore, step, evaluate, hash and serialise the next checkpoint)`,
);
console.log(
  `one cycle from the whole history (before checkpoints), same assets: median ${full.toFixed(0)} ms CPU total, ${(full / ASSETS).toFixed(2)} ms per asset`,
);
console.log(
  `walk-forward, 1 asset × ${HOURS} hourly cycles: median ${median(walkTimes).toFixed(0)} ms CPU (${((median(walkTimes) * 1000) / HOURS).toFixed(1)} µs per hour)`,
);
console.log(
  `checkpoint after ${HOURS} h: ${kb(checkpointBytes)} JSON, ${kb(checkpointGzip)} gzip (grows by about ${(checkpointBytes / HOURS).toFixed(0)} B per hour of history)`,
);
console.log(
  `memory: peak RSS ${mb(checkpointPeakRss)} through the checkpoint cycles, ${mb(peakRss)} in all (baseline ${mb(baseRss)} with the 100 histories loaded), heap used now ${mb(process.memoryUsage().heapUsed)}`,
);
