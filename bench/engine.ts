/**
 * Risk engine benchmark: one cycle (computeRiskRecord, hashing included) for 100 assets with one
 * year of hourly history each, and the incremental walk-forward over the same year for one asset.
 * Prints medians over repeated runs and the peak memory. Run: npx tsx bench/engine.ts
 */
import { testAssetConfig, syntheticCandles, asOfAfter } from '../test/fixtures/risk/syntheticCandles.js';
import { HOUR_MS } from '../shared/core/time.js';
import { computeRiskRecord, MODEL_VERSION } from '../shared/risk/computeRiskRecord.js';
import { modelSpecFor } from '../shared/risk/version/modelSpecFor.js';
import { evaluateCycle } from '../shared/risk/evaluateCycle.js';
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
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const histories = Array.from({ length: ASSETS }, (_, i) =>
  syntheticCandles({ seed: 1000 + i, hours: HOURS }),
);
let peakRss = process.memoryUsage().rss;
const baseRss = peakRss;

const cycleTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  for (let i = 0; i < ASSETS; i++) {
    const candles = histories[i]!;
    computeRiskRecord({ inputs: { asset: `A${i}`, asOf: asOfAfter(candles), candles, quality }, config });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  cycleTimes.push(performance.now() - t0);
}

const walkTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const candles = histories[run]!;
  const t0 = performance.now();
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
    }).nextState;
  }
  walkTimes.push(performance.now() - t0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

const cycle = median(cycleTimes);
console.log('bench/engine.ts — npx tsx bench/engine.ts');
console.log(
  `one cycle, ${ASSETS} assets × ${HOURS} h history: median ${cycle.toFixed(0)} ms total, ${(cycle / ASSETS).toFixed(2)} ms per asset (${RUNS} runs)`,
);
console.log(
  `walk-forward, 1 asset × ${HOURS} hourly cycles: median ${median(walkTimes).toFixed(0)} ms (${((median(walkTimes) * 1000) / HOURS).toFixed(1)} µs per hour)`,
);
console.log(
  `ratio one cycle per asset / one walk-forward hour: ${(cycle / ASSETS / (median(walkTimes) / HOURS)).toFixed(0)}×`,
);
console.log(
  `memory: peak RSS ${mb(peakRss)} (baseline ${mb(baseRss)} with the 100 histories loaded), heap used now ${mb(process.memoryUsage().heapUsed)}`,
);
