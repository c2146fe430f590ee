/**
 * Cross-asset benchmark (docs/cross-asset.md): one cycle of correlations (EWMA correlation,
 * stressed correlation over the trailing year, most-moved pairs, inputs hash) and of portfolio
 * margin (multivariate FHS over every historical hour, isolated vs portfolio requirement) for a
 * position holding 50 assets with one year of hourly history each. Prints medians over repeated
 * runs; nothing here asserts a time. Run: npx tsx bench/crossAsset.ts
 */
import { syntheticCandles } from '../test/fixtures/risk/syntheticCandles.js';
import { evaluatePortfolio } from '../shared/portfolio/evaluatePortfolio.js';
import { computeCorrelations } from '../shared/risk/crossAsset/computeCorrelations.js';

const ASSETS = 50;
const HOURS = 8760;
const RUNS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const names = Array.from({ length: ASSETS }, (_, i) => `A${String(i).padStart(2, '0')}`);
const candles = Object.fromEntries(
  names.map((n, i) => [n, syntheticCandles({ seed: 500 + i, hours: HOURS })]),
);
const position = {
  collateral: Object.fromEntries(names.map((n) => [n, 1])),
  debt: { USD: 2000 },
};
const isolated = Object.fromEntries(names.map((n) => [n, { ltBps: 8000, slip: 0.002 }]));

const corrTimes: number[] = [];
const pfTimes: number[] = [];
let scenarios = 0;
let pairs = 0;
for (let run = 0; run < RUNS; run++) {
  let t0 = performance.now();
  const corr = computeCorrelations({ candles });
  corrTimes.push(performance.now() - t0);
  pairs = (corr.assets.length * (corr.assets.length - 1)) / 2;
  t0 = performance.now();
  const pf = evaluatePortfolio({ position, candles, isolated });
  pfTimes.push(performance.now() - t0);
  scenarios = pf.scenarios;
}

console.log(`${ASSETS} assets × ${HOURS} hourly candles, median of ${RUNS} runs`);
console.log(
  `correlations (EWMA + stressed over 1 year + moved, ${pairs} pairs): ${median(corrTimes).toFixed(0)} ms`,
);
console.log(
  `portfolio margin (multivariate FHS, ${scenarios} scenarios × 24 h × ${ASSETS} assets): ${median(pfTimes).toFixed(0)} ms`,
);
console.log(`one cycle, both: ${(median(corrTimes) + median(pfTimes)).toFixed(0)} ms`);
