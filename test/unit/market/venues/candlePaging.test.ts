import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { VENUE_IDS } from '../../../../shared/core/venues.js';
import { VENUE_ADAPTERS } from '../../../../shared/market/venues/venueAdapters.js';

const NOW = Date.UTC(2026, 0, 15, 12, 34, 56);
const END = Math.floor(NOW / HOUR_MS) * HOUR_MS;

/** The windows a venue's pages cover when stepping back from END, as the pager does. */
function pages(venue: (typeof VENUE_IDS)[number], hours: number) {
  const adapter = VENUE_ADAPTERS[venue];
  const out = [];
  for (let end = END; end > END - Math.min(hours, adapter.maxCandleHistoryHours) * HOUR_MS;) {
    const page = adapter.candlePageRequest({ symbol: 'S', endMs: end, nowMs: NOW });
    out.push({ end, ...page });
    end -= page.hours * HOUR_MS;
  }
  return out;
}

describe('candle pagination requests', () => {
  it('Binance: 1,000-hour windows by startTime/endTime, limit 1000', () => {
    const p = pages('binance', 4800);
    expect(p).toHaveLength(5);
    expect(p[0]!.request).toEqual({
      path: '/api/v3/klines',
      params: { symbol: 'S', interval: '1h', startTime: END - 1000 * HOUR_MS, endTime: END - 1, limit: 1000 },
    });
  });

  it('Coinbase: 300-candle windows, ISO start/end inclusive (exactly 300 candles each)', () => {
    const p = pages('coinbase', 4800);
    expect(p).toHaveLength(16);
    const { start, end } = p[0]!.request.params as { start: string; end: string };
    expect((Date.parse(end) - Date.parse(start)) / HOUR_MS + 1).toBe(300);
    expect(p[0]!.request.path).toBe('/products/S/candles');
  });

  it('Kraken: one request; its OHLC serves only 720 bars', () => {
    expect(pages('kraken', 4800)).toHaveLength(1);
    expect(VENUE_ADAPTERS.kraken.maxCandleHistoryHours).toBe(720);
  });

  it('OKX: `candles` (300 per page) within the latest 1,440 bars, then `history-candles` (100 per page)', () => {
    const p = pages('okx', 4800);
    const recent = p.filter((x) => x.request.path === '/api/v5/market/candles');
    const history = p.filter((x) => x.request.path === '/api/v5/market/history-candles');
    expect(recent.length * 300 + history.length * 100).toBeGreaterThanOrEqual(4800);
    expect(recent).toHaveLength(4);
    expect(p[0]!.request.params).toEqual({ instId: 'S', bar: '1H', after: END, limit: 300 });
    // every recent page stays inside the 1,440 bars the endpoint keeps
    for (const r of recent) expect(r.end - 300 * HOUR_MS).toBeGreaterThanOrEqual(NOW - 1440 * HOUR_MS);
  });

  it('Bybit: 1,000-hour windows by start/end, spot category', () => {
    const p = pages('bybit', 4800);
    expect(p).toHaveLength(5);
    expect(p[0]!.request.params).toEqual({
      category: 'spot',
      symbol: 'S',
      interval: '60',
      start: END - 1000 * HOUR_MS,
      end: END - 1,
      limit: 1000,
    });
  });

  it.each(VENUE_IDS)('%s: consecutive pages tile the history without holes', (venue) => {
    const p = pages(venue, 4800);
    for (let i = 1; i < p.length; i += 1) expect(p[i]!.end).toBe(p[i - 1]!.end - p[i - 1]!.hours * HOUR_MS);
  });
});
