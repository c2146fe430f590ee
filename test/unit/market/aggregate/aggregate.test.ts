import { describe, expect, it } from 'vitest';
import { consolidateLevels } from '../../../../shared/market/aggregate/consolidateLevels.js';
import { median } from '../../../../shared/market/aggregate/median.js';
import { referenceCandles } from '../../../../shared/market/aggregate/referenceCandles.js';
import {
  selectReferencePrice,
  type VenueQuote,
} from '../../../../shared/market/aggregate/selectReferencePrice.js';
import { HOUR_MS } from '../../../../shared/core/time.js';

const NOW = 1_725_156_000_000;
const base = { nowMs: NOW, maxAgeMs: 600_000, maxFutureSkewMs: 60_000, maxDeviation: 0.02, minVenues: 3 };
const quote = (venue: VenueQuote['venue'], mid: number, extra: Partial<VenueQuote> = {}): VenueQuote => ({
  venue,
  bestBid: mid - 1,
  bestAsk: mid + 1,
  ts: NOW - 1000,
  ...extra,
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('selectReferencePrice', () => {
  it('is the median of five healthy venues', () => {
    const r = selectReferencePrice({
      ...base,
      quotes: [
        quote('binance', 100),
        quote('coinbase', 101),
        quote('kraken', 99),
        quote('okx', 100.5),
        quote('bybit', 99.5),
      ],
    });
    expect(r.referencePrice).toBe(100);
    expect(r.excluded).toEqual([]);
    expect(r.degraded).toBe(false);
  });

  it('rejects an outlier beyond maxDeviation, a stale venue and a crossed book, each with its reason', () => {
    const r = selectReferencePrice({
      ...base,
      quotes: [
        quote('binance', 105),
        quote('coinbase', 100),
        quote('kraken', 100.2),
        quote('okx', 100, { bestBid: 101, bestAsk: 100 }),
        quote('bybit', 100, { ts: NOW - 3_600_000 }),
      ],
    });
    expect(Object.fromEntries(r.excluded.map((e) => [e.venue, e.reason]))).toEqual({
      binance: 'outlier',
      okx: 'crossedBook',
      bybit: 'stale',
    });
    expect(r.referencePrice).toBe(100.1);
    expect(r.accepted.map((a) => a.venue)).toEqual(['coinbase', 'kraken']);
    expect(r.degraded).toBe(true);
    expect(r.excluded.find((e) => e.venue === 'bybit')!.detail).toContain('3600 s old');
    expect(r.excluded.find((e) => e.venue === 'binance')!.detail).toContain('4.79%');
  });

  it('rejects an empty book', () => {
    const r = selectReferencePrice({
      ...base,
      minVenues: 1,
      quotes: [quote('bybit', 100, { bestBid: undefined }), quote('okx', 100)],
    });
    expect(r.excluded).toEqual([{ venue: 'bybit', reason: 'emptyBook', detail: 'book has no bids' }]);
    expect(r.referencePrice).toBe(100);
    expect(r.degraded).toBe(false);
  });

  it('rejects both of two venues that disagree by more than twice maxDeviation: neither can be trusted', () => {
    const r = selectReferencePrice({ ...base, quotes: [quote('binance', 105), quote('coinbase', 100)] });
    expect(r.referencePrice).toBeNull();
    expect(r.excluded.map((e) => e.reason)).toEqual(['outlier', 'outlier']);
  });

  it('rejects a timestamp from the future beyond the allowed skew', () => {
    const r = selectReferencePrice({
      ...base,
      minVenues: 1,
      quotes: [quote('okx', 100, { ts: NOW + 120_000 })],
    });
    expect(r.excluded[0]!.reason).toBe('futureTimestamp');
    expect(r.referencePrice).toBeNull();
  });

  it('has no reference price when nothing survives', () => {
    expect(selectReferencePrice({ ...base, quotes: [] })).toEqual({
      referencePrice: null,
      accepted: [],
      excluded: [],
      degraded: true,
    });
  });
});

describe('consolidateLevels', () => {
  it('converts to USD, merges equal prices and sorts best first', () => {
    const bids = consolidateLevels({
      side: 'bids',
      books: [
        {
          levels: [
            [100, 1],
            [99, 2],
          ],
          usdPerQuote: 1,
        },
        {
          levels: [
            [200, 1],
            [99, 3],
          ],
          usdPerQuote: 0.5,
        },
      ],
    });
    expect(bids).toEqual([
      [100, 2],
      [99, 2],
      [49.5, 3],
    ]);
    const asks = consolidateLevels({
      side: 'asks',
      books: [
        { levels: [[101, 1]], usdPerQuote: 1 },
        { levels: [[100.5, 1]], usdPerQuote: 1 },
      ],
    });
    expect(asks[0]).toEqual([100.5, 1]);
  });
});

describe('referenceCandles', () => {
  it('takes per-hour medians of OHLC, sums base volume, converts quotes and keeps gaps', () => {
    const t = 1_725_145_200_000;
    const candles = referenceCandles({
      series: [
        {
          candles: [
            [t, 10, 12, 9, 11, 1],
            [t + 2 * HOUR_MS, 11, 11, 11, 11, 1],
          ],
          usdPerQuote: 1,
        },
        { candles: [[t, 20, 24, 18, 22, 2]], usdPerQuote: 0.5 },
        { candles: [[t, 10.2, 12.2, 9.2, 11.2, 3]], usdPerQuote: 1 },
      ],
    });
    expect(candles).toEqual([
      [t, 10, 12, 9, 11, 6],
      [t + 2 * HOUR_MS, 11, 11, 11, 11, 1],
    ]);
  });
});
