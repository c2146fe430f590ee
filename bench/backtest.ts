/**
 * Walk-forward backtest benchmark: five years of hourly candles per asset (43 800 h), through the
 * production engine and control layer, then the evaluation and the report. Uses ../shared/data when
 * present, else a synthetic series of the same length. Run: npx tsx bench/backtest.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseAssetsConfig } from '../shared/config/parseAssetsConfig.js';
import { readCandlesCsv } from '../shared/backtest/readCandlesCsv.js';
import { renderReport } from '../shared/backtest/report/renderReport.js';
import { runBacktest } from '../shared/backtest/runBacktest.js';
import { DEFAULT_STRESS_EPISODES } from '../shared/backtest/stressEpisodes.js';
import { summarizeBacktest } from '../shared/backtest/summarizeBacktest.js';
import type { Candle } from '../shared/core/types.js';
import { syntheticCandles } from '../test/fixtures/risk/syntheticCandles.js';

const RUNS = 3;
const config = parseAssetsConfig(
  readFileSync(new URL('../shared/config/assets.default.json', import.meta.url), 'utf8'),
  'assets.default.json',
);
const assets = ['BTC', 'ETH', 'BNB', 'SOL', 'XRP'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log('bench/backtest.ts — npx tsx bench/backtest.ts');
let totalHours = 0;
let totalMs = 0;
for (const asset of assets) {
  const file = new URL(`../../shared/data/ohlcv/${asset}_USDT-1h.csv`, import.meta.url);
  const real = existsSync(file);
  const candles: Candle[] = real
    ? readCandlesCsv(readFileSync(file, 'utf8'), asset).candles
    : syntheticCandles({ seed: asset.length, hours: 43_800 });
  const assetConfig = { ...config.assets[asset]!, fixedHorizonHours: 24 };
  const walk: number[] = [];
  const whole: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const result = runBacktest({ asset, candles, config: assetConfig });
    const t1 = performance.now();
    const { summary, published } = summarizeBacktest({
      asset,
      config: assetConfig,
      run: result,
      emitted: 'published',
      gapHours: 0,
      gaps: 0,
      evaluationHorizonHours: 24,
      episodes: DEFAULT_STRESS_EPISODES,
    });
    renderReport({
      summary,
      published: result.published,
      raw: result.raw,
      publishedEvaluation: published,
      candles,
      episodes: DEFAULT_STRESS_EPISODES,
      command: 'bench',
    });
    walk.push(t1 - t0);
    whole.push(performance.now() - t0);
  }
  totalHours += candles.length;
  totalMs += median(whole);
  console.log(
    `${asset} (${real ? 'real' : 'synthetic'}, ${candles.length} h): walk-forward median ${median(walk).toFixed(0)} ms (${((median(walk) * 1000) / candles.length).toFixed(1)} µs/h), ` +
      `with evaluation and report ${median(whole).toFixed(0)} ms`,
  );
}
console.log(
  `all five: ${(totalMs / 1000).toFixed(1)} s for ${totalHours} hours (${Math.round(totalHours / (totalMs / 1000))} h/s); peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
