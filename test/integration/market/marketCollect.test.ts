import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assetsConfigSchema, type AssetsConfig } from '../../../shared/config/assetsConfig.js';
import type { ExchangeFault } from '../../../shared/localstack/exchangeSim/exchangeFault.js';
import {
  startExchangeSimulator,
  type ExchangeSimulator,
} from '../../../shared/localstack/exchangeSim/startExchangeSimulator.js';
import { collectMarketSnapshot } from '../../../shared/market/collectMarketSnapshot.js';
import { compactSnapshot } from '../../../shared/market/compactSnapshot.js';
import { VENUE_IDS, type VenueId } from '../../../shared/core/venues.js';
import type { MarketSnapshot, VenueExclusionReason } from '../../../shared/market/types.js';

const NOW = Date.UTC(2026, 0, 15, 12, 34, 56);
const ASSETS: AssetsConfig = assetsConfigSchema.parse(
  JSON.parse(readFileSync(new URL('../../../shared/config/assets.default.json', import.meta.url), 'utf8')),
);
// Generous deadlines for healthy venues (a loaded CI machine must not time them out); the faulty
// venue gets a short per-venue deadline so the timeout fault costs about a second.
const http = { timeoutMs: 5000, maxRetries: 1, backoffBaseMs: 10, maxBackoffMs: 2000 };
const short = { timeoutMs: 300 };

let sim: ExchangeSimulator;
beforeAll(async () => {
  sim = await startExchangeSimulator({ seed: 3, assets: ASSETS, now: () => NOW });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(() => {
  for (const venue of VENUE_IDS) sim.setFault(venue, null);
});

const collect = (asset: string, historyDays = 5, faulty?: VenueId): Promise<MarketSnapshot> =>
  collectMarketSnapshot({
    asset,
    config: ASSETS.assets[asset]!,
    simBaseUrl: sim.baseUrl,
    now: NOW,
    historyDays,
    http,
    ...(faulty === undefined ? {} : { httpByVenue: { [faulty]: short } }),
  });

const honestRange = (snap: MarketSnapshot, bad: VenueId) => {
  const mids = snap.venues.filter((v) => v.venue !== bad && v.mid !== undefined).map((v) => v.mid!);
  return [Math.min(...mids), Math.max(...mids)] as const;
};

describe('collectMarketSnapshot against the simulator', () => {
  it('healthy cycle: five venues, reference price, consolidated book, depth, slippage, 200 days of candles', async () => {
    // Production HTTP defaults (5 s deadline): 200 days of candles from five venues is real work for
    // a simulator sharing this process's event loop.
    const snap = await collectMarketSnapshot({
      asset: 'BTC',
      config: ASSETS.assets.BTC!,
      simBaseUrl: sim.baseUrl,
      now: NOW,
      historyDays: 200,
    });
    expect(snap.degraded).toBe(false);
    expect(snap.reasons).toEqual([]);
    expect(snap.venues.map((v) => [v.venue, v.ok])).toEqual(VENUE_IDS.map((v) => [v, true]));
    expect(snap.quorum).toEqual({ required: 3, accepted: 5 });
    const mids = snap.venues.map((v) => v.mid!);
    expect(snap.referencePrice!).toBeGreaterThanOrEqual(Math.min(...mids));
    expect(snap.referencePrice!).toBeLessThanOrEqual(Math.max(...mids));
    expect(snap.bestBid!).toBeLessThan(snap.bestAsk!);
    expect(snap.bids.length).toBeLessThanOrEqual(5000 + 1000 + 500 + 400 + 200);
    expect(snap.bids.length).toBeGreaterThan(0.95 * (5000 + 1000 + 500 + 400 + 200));
    for (let i = 1; i < snap.bids.length; i += 1) expect(snap.bids[i]![0]).toBeLessThan(snap.bids[i - 1]![0]);
    // The simulator gives the market 8 × Q of bids within 2% of its mid.
    expect(snap.depth2PctUsd / (8 * 5_000_000)).toBeGreaterThan(0.9);
    expect(snap.depth2PctUsd / (8 * 5_000_000)).toBeLessThan(1.1);
    expect(snap.slippage!.exhausted).toBe(false);
    expect(snap.slippage!.slippage).toBeGreaterThan(0);
    expect(snap.slippage!.slippage).toBeLessThan(0.01);
    expect(snap.candles).toHaveLength(200 * 24);
    // Each venue paged back 200 days, except Kraken whose OHLC endpoint keeps 720 bars.
    expect(snap.venues.map((v) => [v.venue, v.candles])).toEqual(
      VENUE_IDS.map((v) => [v, v === 'kraken' ? 720 : 4800]),
    );
    // Per-hour medians keep candles consistent: low ≤ open, close ≤ high.
    for (const [, o, h, l, c] of snap.candles) {
      expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
      expect(l).toBeLessThanOrEqual(Math.min(o, c));
    }

    const compact = compactSnapshot(snap);
    const size = Buffer.byteLength(JSON.stringify(compact));
    expect(size).toBeLessThan(16_000);
    expect(compact.topBids).toHaveLength(50);
    expect(compact.depthCurve.find(([bps]) => bps === 200)![1]).toBe(Math.round(snap.depth2PctUsd));
    expect(compact.candles.count).toBe(4800);
    expect(compact.expiresAt).toBe(Math.floor(NOW / 1000) + 400 * 86_400);
  });

  const cases: { fault: ExchangeFault; venue: VenueId; reason: VenueExclusionReason; detail: RegExp }[] = [
    {
      fault: 'timeout',
      venue: 'okx',
      reason: 'fetchFailed',
      detail: /no response within 300 ms after 2 attempt/,
    },
    {
      fault: { kind: 'rateLimit', retryAfterSeconds: 1 },
      venue: 'binance',
      reason: 'fetchFailed',
      detail: /HTTP 429 \(-1003/,
    },
    {
      fault: 'serverError',
      venue: 'coinbase',
      reason: 'fetchFailed',
      detail: /HTTP 500 \(Internal server error/,
    },
    { fault: 'truncatedJson', venue: 'bybit', reason: 'fetchFailed', detail: /not valid JSON/ },
    // Binance books carry no time: staleness is read from the ticker's closeTime.
    { fault: 'staleTimestamp', venue: 'binance', reason: 'stale', detail: /3600 s old/ },
    // Kraken tickers carry no time: staleness is read from the book levels' update times.
    {
      fault: 'staleTimestamp',
      venue: 'kraken',
      reason: 'stale',
      detail: /s old, more than the 600 s allowed/,
    },
    { fault: 'crossedBook', venue: 'okx', reason: 'crossedBook', detail: /best bid .* >= best ask/ },
    { fault: 'offPrice', venue: 'bybit', reason: 'outlier', detail: /is 5\.\d\d% from the median/ },
  ];

  it.each(cases)(
    '$fault on $venue: cycle completes, venue excluded ($reason), price from the others',
    async (c) => {
      sim.setFault(c.venue, c.fault);
      const snap = await collect('ETH', 5, c.venue);
      const status = snap.venues.find((v) => v.venue === c.venue)!;
      expect(status.ok).toBe(false);
      expect(status.excludedReason).toBe(c.reason);
      expect(status.detail).toMatch(c.detail);
      expect(snap.reasons[0]).toMatch(new RegExp(`^${c.venue} excluded \\(${c.reason}\\)`));
      expect(snap.degraded).toBe(false); // four of five still meet the quorum of three
      expect(snap.quorum.accepted).toBe(4);
      const [lo, hi] = honestRange(snap, c.venue);
      expect(snap.referencePrice!).toBeGreaterThanOrEqual(lo);
      expect(snap.referencePrice!).toBeLessThanOrEqual(hi);
      // The excluded venue's levels are not in the consolidated book (equal prices across venues merge).
      const accepted = snap.venues.filter((v) => v.ok);
      expect(snap.bids.length).toBeLessThanOrEqual(accepted.reduce((s, v) => s + (v.bidLevels ?? 0), 0));
      expect(snap.bestBid).toBe(Math.max(...accepted.map((v) => v.bestBid!)));
    },
  );

  it('quorum loss: three faulty venues of five → degraded with every reason', async () => {
    sim.setFault('binance', 'serverError');
    sim.setFault('okx', 'offPrice');
    sim.setFault('kraken', 'crossedBook');
    const snap = await collect('BTC');
    expect(snap.degraded).toBe(true);
    expect(snap.quorum).toEqual({ required: 3, accepted: 2 });
    expect(snap.reasons).toHaveLength(4);
    expect(snap.reasons.slice(0, 3).map((r) => r.split(' ')[0])).toEqual(['binance', 'kraken', 'okx']);
    expect(snap.reasons[3]).toBe('quorum not met: 2 of 5 venues usable, 3 required');
    expect(snap.referencePrice).not.toBeNull();
  });

  it('a three-venue asset (BNB) loses quorum with one venue down', async () => {
    sim.setFault('bybit', 'truncatedJson');
    const snap = await collect('BNB');
    expect(snap.venues).toHaveLength(3);
    expect(snap.degraded).toBe(true);
    expect(snap.quorum).toEqual({ required: 3, accepted: 2 });
  });

  it('every venue down: no throw, no reference price, degraded, nothing consolidated', async () => {
    for (const venue of VENUE_IDS) sim.setFault(venue, 'serverError');
    const snap = await collect('SOL', 1);
    expect(snap.referencePrice).toBeNull();
    expect(snap.degraded).toBe(true);
    expect(snap.bids).toEqual([]);
    expect(snap.slippage).toBeNull();
    expect(snap.candles).toEqual([]);
    expect(snap.venues.every((v) => v.excludedReason === 'fetchFailed' && v.warnings?.length === 2)).toBe(
      true,
    );
    expect(snap.reasons).toContain('no venue produced a usable price: no reference price this cycle');
  });

  it('flags a USDT depeg when the USDT venues agree with each other but not with the USD venues', async () => {
    // Converting USDT at 0.97 USD while the simulator quotes USDT at par looks exactly like a 3% depeg.
    const snap = await collectMarketSnapshot({
      asset: 'XRP',
      config: ASSETS.assets.XRP!,
      simBaseUrl: sim.baseUrl,
      now: NOW,
      historyDays: 0,
      http,
      quoteRates: { USDT: 0.97 },
    });
    expect(snap.degraded).toBe(true);
    expect(snap.reasons.some((r) => r.startsWith('USDT venues quote -3.00% away from USD venues'))).toBe(
      true,
    );
  });
});
