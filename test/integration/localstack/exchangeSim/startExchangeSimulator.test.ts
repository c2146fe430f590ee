import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsConfigSchema, type AssetsConfig } from '../../../../shared/config/assetsConfig.js';
import {
  startExchangeSimulator,
  type ExchangeSimulator,
} from '../../../../shared/localstack/exchangeSim/startExchangeSimulator.js';
import { VenueApiError } from '../../../../shared/market/errors.js';
import { fetchVenueCandles } from '../../../../shared/market/fetchVenueCandles.js';
import { fetchVenueOrderBook } from '../../../../shared/market/fetchVenueOrderBook.js';
import { fetchVenueTicker } from '../../../../shared/market/fetchVenueTicker.js';
import { HOUR_MS } from '../../../../shared/core/time.js';

const NOW = Date.UTC(2026, 0, 15, 12, 34, 56);
const ASSETS: AssetsConfig = assetsConfigSchema.parse(
  JSON.parse(readFileSync(new URL('../../../../shared/config/assets.default.json', import.meta.url), 'utf8')),
);
// No request spacing: the simulator has no rate limit (the adapters default to the real venues' limits).
const http = { timeoutMs: 2000, maxRetries: 0, minIntervalMs: 0 };

let sim: ExchangeSimulator;
beforeAll(async () => {
  sim = await startExchangeSimulator({ seed: 7, assets: ASSETS, now: () => NOW });
});
afterAll(async () => {
  await sim.stop();
});

const markets = Object.entries(ASSETS.assets).flatMap(([asset, config]) =>
  config.venues.map((m) => ({ asset, ...m, label: `${asset} ${m.venue} ${m.symbol}` })),
);

describe('exchange simulator serves every configured market in the venue’s own format', () => {
  it.each(markets)(
    '$label: book, ticker and candles parse with the production adapters',
    async ({ venue, symbol }) => {
      const baseUrl = `${sim.baseUrl}/${venue}`;
      const book = await fetchVenueOrderBook({ venue, symbol, baseUrl, http, clock: () => NOW });
      expect(book.bids.length).toBeGreaterThanOrEqual(200);
      expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
      for (let i = 1; i < book.bids.length; i += 1)
        expect(book.bids[i]![0]).toBeLessThan(book.bids[i - 1]![0]);
      const ticker = await fetchVenueTicker({ venue, symbol, baseUrl, http, clock: () => NOW });
      expect(ticker.bid).toBe(book.bids[0]![0]);
      expect(ticker.ask).toBe(book.asks[0]![0]);
      expect(ticker.ts).toBe(NOW);
      const candles = await fetchVenueCandles({
        venue,
        symbol,
        baseUrl,
        nowMs: NOW,
        historyHours: 2000,
        http,
      });
      // Kraken serves its latest 720 bars only; the others page back to the full 2,000 hours.
      expect(candles).toHaveLength(venue === 'kraken' ? 720 : 2000);
      const lastOpen = Math.floor(NOW / HOUR_MS) * HOUR_MS - HOUR_MS;
      expect(candles[candles.length - 1]![0]).toBe(lastOpen);
      for (let i = 1; i < candles.length; i += 1) expect(candles[i]![0] - candles[i - 1]![0]).toBe(HOUR_MS);
      // The book sits around the last close (venue basis ±1 bp, half spread 1.5 bp).
      const mid = (book.bids[0]![0] + book.asks[0]![0]) / 2;
      expect(Math.abs(mid / candles[candles.length - 1]![4] - 1)).toBeLessThan(5e-4);
    },
  );

  it.each(['binance', 'coinbase', 'kraken', 'okx', 'bybit'] as const)(
    '%s: an unknown symbol gets the venue’s error body',
    async (venue) => {
      const error = await fetchVenueTicker({
        venue,
        symbol: 'NOPE',
        baseUrl: `${sim.baseUrl}/${venue}`,
        http,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VenueApiError);
      expect((error as VenueApiError).venue).toBe(venue);
    },
  );

  it('caps every venue at the requested depth (Coinbase level 2 has no depth parameter)', async () => {
    const book = await fetchVenueOrderBook({
      venue: 'coinbase',
      symbol: 'BTC-USD',
      baseUrl: `${sim.baseUrl}/coinbase`,
      depth: 300,
      http,
    });
    expect(book.bids).toHaveLength(300);
    expect(book.asks).toHaveLength(300);
  });

  it('is deterministic in its seed', async () => {
    const other = await startExchangeSimulator({ seed: 7, assets: ASSETS, now: () => NOW });
    const third = await startExchangeSimulator({ seed: 8, assets: ASSETS, now: () => NOW });
    try {
      const get = (base: string) =>
        fetch(`${base}/okx/api/v5/market/books?instId=ETH-USDT&sz=50`).then((r) => r.text());
      const a = await get(sim.baseUrl);
      expect(await get(other.baseUrl)).toBe(a);
      expect(await get(third.baseUrl)).not.toBe(a);
    } finally {
      await other.stop();
      await third.stop();
    }
  });

  it('rejects unknown venues and fault names with the allowed values', () => {
    expect(() => sim.setFault('nasdaq' as 'okx', 'timeout')).toThrow(
      /unknown venue "nasdaq"; allowed: binance/,
    );
    expect(() => sim.setFault('okx', 'meltdown' as 'timeout')).toThrow(
      /unknown fault "meltdown"; allowed: timeout/,
    );
  });
});

describe('injected faults at the HTTP level', () => {
  const url = () => `${sim.baseUrl}/bybit/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=5`;
  afterAll(() => sim.setFault('bybit', null));

  it('rateLimit: 429 with Retry-After and Bybit’s body', async () => {
    sim.setFault('bybit', { kind: 'rateLimit', retryAfterSeconds: 3 });
    const r = await fetch(url());
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    expect(await r.json()).toMatchObject({ retCode: 10006 });
  });

  it('serverError: 500 with the venue body', async () => {
    sim.setFault('bybit', 'serverError');
    const r = await fetch(url());
    expect(r.status).toBe(500);
    expect(await r.json()).toMatchObject({ retCode: 10016 });
  });

  it('truncatedJson: 200 with half a body', async () => {
    sim.setFault('bybit', 'truncatedJson');
    const r = await fetch(url());
    expect(r.status).toBe(200);
    await expect(r.clone().json()).rejects.toThrow();
    expect((await r.text()).startsWith('{"retCode":0')).toBe(true);
  });

  it('timeout: no answer (the client deadline fires)', async () => {
    sim.setFault('bybit', 'timeout');
    await expect(fetch(url(), { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timeout|abort/i);
  });

  it('clearing the fault restores normal answers', async () => {
    sim.setFault('bybit', null);
    expect((await fetch(url())).status).toBe(200);
  });
});

// Real candles from ../shared/data/ohlcv (third-party data, kept outside the repository): skipped when absent.
const OHLCV = new URL('../../../../../shared/data/ohlcv/', import.meta.url);
describe.skipIf(!existsSync(OHLCV))('replay of real candles (../shared/data/ohlcv)', () => {
  it('time-shifts the real BTC history so its last candle closes at the current hour', async () => {
    const replay = await startExchangeSimulator({
      seed: 7,
      assets: ASSETS,
      now: () => NOW,
      dataDir: OHLCV.pathname,
    });
    try {
      const rows = readFileSync(new URL('BTC_USDT-1h.csv', OHLCV), 'utf8').trim().split('\n');
      const lastReal = rows[rows.length - 1]!.split(',').map(Number);
      const candles = await fetchVenueCandles({
        venue: 'binance',
        symbol: 'BTCUSDT',
        baseUrl: `${replay.baseUrl}/binance`,
        nowMs: NOW,
        historyHours: 48,
        http,
      });
      const last = candles[candles.length - 1]!;
      expect(last[0]).toBe(Math.floor(NOW / HOUR_MS) * HOUR_MS - HOUR_MS);
      // Same bar, shifted: Binance carries a basis of at most ±1 bp and rounds to the cent.
      expect(Math.abs(last[4] / lastReal[4]! - 1)).toBeLessThan(1.1e-4);
      expect(last[5]).toBeCloseTo(lastReal[5]!, 5);
    } finally {
      await replay.stop();
    }
  });
});
