/**
 * Market-data benchmark. Run: npx tsx bench/market.ts
 * - parse: JSON.parse + zod validation + canonicalisation of a 5,000-level Binance depth body;
 * - consolidate: merge five venues' bids into one USD book (5,000 + 1,000 + 500 + 400 + 200 levels,
 *   the depths the venues serve) plus depth within 2% and the slippage of $5M;
 * - simulator: start + stop, and one full collectMarketSnapshot (five venues, books, tickers, 200 days
 *   of candles) against it over loopback.
 * Prints medians over repeated runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assetsConfigSchema } from '../shared/config/assetsConfig.js';
import { generateBook } from '../shared/localstack/exchangeSim/generateBook.js';
import { startExchangeSimulator } from '../shared/localstack/exchangeSim/startExchangeSimulator.js';
import { DEFAULTS } from '../shared/config/defaults.js';
import { consolidateLevels } from '../shared/market/aggregate/consolidateLevels.js';
import { depthWithin } from '../shared/core/depthWithin.js';
import { collectMarketSnapshot } from '../shared/market/collectMarketSnapshot.js';
import { sellSlippage } from '../shared/core/sellSlippage.js';
import type { Level } from '../shared/core/types.js';
import { parseBinanceOrderBook } from '../shared/market/venues/binance/parseBinanceOrderBook.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const time = (runs: number, fn: () => unknown): number[] => {
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

const MID = 100_000;
const book = (venue: string, levels: number) =>
  generateBook({ seed: 1, asset: 'BTC', venue, mid: MID, levels, depth2PctUsd: 8e6 });
const binance = book('binance', 5000);
const body = JSON.stringify({
  lastUpdateId: 1,
  bids: binance.bids.map(([p, s]) => [p.toFixed(binance.priceDecimals), s.toFixed(8)]),
  asks: binance.asks.map(([p, s]) => [p.toFixed(binance.priceDecimals), s.toFixed(8)]),
});

// Warm-up, then measure.
time(20, () => parseBinanceOrderBook(JSON.parse(body), { receivedAt: 0 }));
const jsonOnly = time(50, () => JSON.parse(body));
const parse = time(50, () => parseBinanceOrderBook(JSON.parse(body), { receivedAt: 0 }));

const venues: [string, number][] = [
  ['binance', 5000],
  ['coinbase', 1000],
  ['kraken', 500],
  ['okx', 400],
  ['bybit', 200],
];
const books = venues.map(([v, n]) => ({ levels: book(v, n).bids as readonly Level[], usdPerQuote: 1 }));
const fiveDeep = venues.map(([v]) => ({ levels: book(v, 5000).bids as readonly Level[], usdPerQuote: 1 }));
const consolidate = (b: typeof books) => {
  const bids = consolidateLevels({ side: 'bids', books: b });
  depthWithin({ bids, referencePrice: MID, band: DEFAULTS.depthBand });
  sellSlippage({ bids, referencePrice: MID, sizeUsd: 5e6 });
};
time(20, () => consolidate(books));
const cons = time(50, () => consolidate(books));
const cons25k = time(20, () => consolidate(fiveDeep));

const assets = assetsConfigSchema.parse(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../shared/config/assets.default.json', import.meta.url)), 'utf8'),
  ),
);
const starts: number[] = [];
for (let i = 0; i < 10; i += 1) {
  const t0 = performance.now();
  const sim = await startExchangeSimulator({ assets });
  starts.push(performance.now() - t0);
  await sim.stop();
}
const sim = await startExchangeSimulator({ assets });
const collects: number[] = [];
for (let i = 0; i < 5; i += 1) {
  const t0 = performance.now();
  await collectMarketSnapshot({
    asset: 'BTC',
    config: assets.assets.BTC!,
    simBaseUrl: sim.baseUrl,
    now: Date.now(),
  });
  collects.push(performance.now() - t0);
}
await sim.stop();

console.log('bench/market (npx tsx bench/market.ts), medians:');
console.log(
  `  JSON.parse of a 5,000-level depth body (${(body.length / 1024).toFixed(0)} KB)   ${ms(median(jsonOnly))}`,
);
console.log(
  `  parse 5,000-level Binance book (JSON + zod + canonical)  ${ms(median(parse))}  (${(median(parse) / median(jsonOnly)).toFixed(1)}× JSON.parse alone)`,
);
console.log(`  consolidate 5 venues (7,100 levels) + depth + slippage   ${ms(median(cons))}`);
console.log(`  consolidate 5 venues × 5,000 levels + depth + slippage   ${ms(median(cons25k))}`);
console.log(`  simulator start + listen                                  ${ms(median(starts))}`);
console.log(`  collectMarketSnapshot BTC vs simulator (200 d candles)    ${ms(median(collects))}`);
