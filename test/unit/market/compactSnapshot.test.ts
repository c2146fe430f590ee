import { describe, expect, it } from 'vitest';
import { compactSnapshot } from '../../../shared/market/compactSnapshot.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import type { Candle, Level } from '../../../shared/core/types.js';
import type { MarketSnapshot } from '../../../shared/market/types.js';

const TS = Date.UTC(2026, 0, 15, 12, 0, 0);
const bids: Level[] = Array.from({ length: 7100 }, (_, i) => [100_000 * (1 - i * 1e-5), 0.5 + (i % 7) * 0.1]);
const candles: Candle[] = Array.from({ length: 4800 }, (_, i) => [
  TS - (4800 - i) * HOUR_MS,
  1,
  2,
  0.5,
  1.5,
  10,
]);
const snapshot: MarketSnapshot = {
  asset: 'BTC',
  ts: TS,
  referencePrice: 100_000,
  bestBid: bids[0]![0],
  bestAsk: 100_010,
  bids,
  depth2PctUsd: 123,
  slippage: { sizeUsd: 5e6, slippage: 0.002, vwap: 99_800, filledUsd: 5e6, exhausted: false },
  candles,
  venues: [
    {
      venue: 'binance',
      symbol: 'BTCUSDT',
      quote: 'USDT',
      ok: true,
      mid: 100_000,
      ts: TS,
      bidLevels: 5000,
      candles: 4800,
    },
    {
      venue: 'okx',
      symbol: 'BTC-USDT',
      quote: 'USDT',
      ok: false,
      excludedReason: 'fetchFailed',
      detail: 'x'.repeat(1000),
      warnings: ['ticker: failed'],
    },
  ],
  quoteRates: { USD: 1, USDT: 1, USDC: 1 },
  quorum: { required: 3, accepted: 1 },
  degraded: true,
  reasons: ['okx excluded (fetchFailed): …', 'quorum not met: 1 of 2 venues usable, 3 required'],
};

describe('compactSnapshot', () => {
  const compact = compactSnapshot(snapshot);

  it('keeps the scalars, the top 50 levels, and a cumulative depth curve', () => {
    expect(compact.topBids).toEqual(bids.slice(0, 50));
    expect(compact.bidLevels).toBe(7100);
    expect(compact.depthCurve.map(([bps]) => bps)).toEqual([10, 25, 50, 100, 200, 300, 500, 1000]);
    const usdAbove = (floor: number) => bids.filter(([p]) => p >= floor).reduce((s, [p, q]) => s + p * q, 0);
    for (const [bps, usd] of compact.depthCurve)
      expect(usd).toBe(Math.round(usdAbove(100_000 * (1 - bps / 10_000))));
    for (let i = 1; i < compact.depthCurve.length; i += 1) {
      expect(compact.depthCurve[i]![1]).toBeGreaterThanOrEqual(compact.depthCurve[i - 1]![1]);
    }
  });

  it('identifies the candles by range and hash instead of storing them', () => {
    expect(compact.candles).toMatchObject({
      count: 4800,
      firstTs: candles[0]![0],
      lastTs: candles[4799]![0],
      lastClose: 1.5,
    });
    expect(compact.candles.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(compactSnapshot({ ...snapshot, candles: candles.slice(1) }).candles.sha256).not.toBe(
      compact.candles.sha256,
    );
  });

  it('truncates venue details, keeps the reasons, and sets a TTL 400 days out', () => {
    expect(compact.venues[1]!.detail).toHaveLength(300);
    expect(compact.reasons).toEqual(snapshot.reasons);
    expect(compact.expiresAt).toBe(TS / 1000 + 400 * 86_400);
  });

  it('is small: a few KB of JSON for a 7,100-level book and 200 days of candles', () => {
    expect(Buffer.byteLength(JSON.stringify(compact))).toBeLessThan(8_000);
  });

  it('has an empty depth curve without a reference price', () => {
    expect(compactSnapshot({ ...snapshot, referencePrice: null }).depthCurve).toEqual([]);
  });
});
