import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VenueApiError, VenueResponseError } from '../../../../shared/market/errors.js';
import { VENUE_IDS, type VenueId } from '../../../../shared/core/venues.js';
import type { Candle, OrderBook, Ticker } from '../../../../shared/core/types.js';
import { parseJsonText } from '../../../../shared/market/venues/parseJsonText.js';
import { VENUE_ADAPTERS } from '../../../../shared/market/venues/venueAdapters.js';

const fixture = (venue: VenueId, kind: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../fixtures/venues/${venue}/${kind}.json`, import.meta.url), 'utf8'),
  );
const ctx = { receivedAt: 1_725_156_000_999 };

/** Expected canonical values of each fixture, read by hand from the fixture bodies. */
const EXPECTED: Record<
  VenueId,
  {
    book: { bid: [number, number]; ask: [number, number]; levels: number; ts: number };
    firstCandle: Candle;
    ticker: Ticker;
    errorCode: string;
  }
> = {
  binance: {
    book: { bid: [60650, 0.00213], ask: [60650.01, 0.61982], levels: 4, ts: ctx.receivedAt },
    firstCandle: [1725145200000, 58969.99, 59118, 58900, 59049.42, 412.95361],
    ticker: { bid: 60650, ask: 60650.01, last: 60650.01, ts: 1725156000123 },
    errorCode: '-1121',
  },
  coinbase: {
    book: {
      bid: [60644.21, 0.45371001],
      ask: [60644.22, 0.01170745],
      levels: 3,
      ts: Date.parse('2024-09-01T02:00:00.123Z'),
    },
    // Coinbase rows are [time, low, high, open, close, volume], newest first.
    firstCandle: [1725145200000, 58970.0, 59117.2, 58901.5, 59048.1, 70.4412],
    ticker: { bid: 60644.21, ask: 60644.22, last: 60644.22, ts: Date.parse('2024-09-01T02:00:00.321Z') },
    errorCode: 'NotFound',
  },
  kraken: {
    // Book time: the newest level update time.
    book: { bid: [60640, 0.115], ask: [60640.1, 2.059], levels: 3, ts: 1725156001000 },
    firstCandle: [1725145200000, 58970.1, 59117.0, 58902.3, 59047.9, 21.39243896],
    ticker: { bid: 60640, ask: 60640.1, last: 60640.1, ts: ctx.receivedAt },
    errorCode: 'EQuery',
  },
  okx: {
    book: { bid: [60646.7, 0.30178218], ask: [60646.8, 0.60038921], levels: 3, ts: 1725156000396 },
    firstCandle: [1725145200000, 58971.2, 59119.0, 58899.9, 59049.0, 350.21],
    ticker: { bid: 60646.7, ask: 60646.8, last: 60646.8, ts: 1725156000396 },
    errorCode: '51001',
  },
  bybit: {
    book: { bid: [60651.1, 0.081829], ask: [60651.2, 0.606555], levels: 3, ts: 1725156000031 },
    firstCandle: [1725145200000, 58970.0, 59118.8, 58901.0, 59050.0, 141.21],
    ticker: { bid: 60651.1, ask: 60651.2, last: 60651.2, ts: 1725156000947 },
    errorCode: '10001',
  },
};

function expectCanonicalBook(book: OrderBook) {
  for (let i = 1; i < book.bids.length; i += 1) expect(book.bids[i]![0]).toBeLessThan(book.bids[i - 1]![0]);
  for (let i = 1; i < book.asks.length; i += 1)
    expect(book.asks[i]![0]).toBeGreaterThan(book.asks[i - 1]![0]);
  for (const [p, s] of [...book.bids, ...book.asks]) {
    expect(Number.isFinite(p) && p > 0).toBe(true);
    expect(Number.isFinite(s) && s > 0).toBe(true);
  }
}

describe.each(VENUE_IDS)('%s parsers on documented-format bodies', (venue) => {
  const adapter = VENUE_ADAPTERS[venue];
  const expected = EXPECTED[venue];

  it('parses the order book: exact numbers, bids descending, asks ascending, ms timestamp', () => {
    const book = adapter.parseOrderBook(fixture(venue, 'orderbook'), ctx);
    expect(book.bids[0]).toEqual(expected.book.bid);
    expect(book.asks[0]).toEqual(expected.book.ask);
    expect(book.bids).toHaveLength(expected.book.levels);
    expect(book.ts).toBe(expected.book.ts);
    expectCanonicalBook(book);
  });

  it('parses hourly candles ascending with ms open times', () => {
    const candles = adapter.parseCandles(fixture(venue, 'candles'), ctx);
    expect(candles).toHaveLength(3);
    expect(candles[0]).toEqual(expected.firstCandle);
    expect(candles.map((c) => c[0])).toEqual([1725145200000, 1725148800000, 1725152400000]);
    for (const [, o, h, l, c] of candles) expect(h).toBeGreaterThanOrEqual(Math.max(o, c, l));
  });

  it('parses the ticker', () => {
    expect(adapter.parseTicker(fixture(venue, 'ticker'), ctx)).toEqual(expected.ticker);
  });

  it.each(['orderbook', 'candles', 'ticker'] as const)(
    'turns the venue error body into VenueApiError (%s)',
    (kind) => {
      const parse = {
        orderbook: adapter.parseOrderBook,
        candles: adapter.parseCandles,
        ticker: adapter.parseTicker,
      }[kind];
      const error = (() => {
        try {
          parse(fixture(venue, 'error'), ctx);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(VenueApiError);
      expect((error as VenueApiError).venue).toBe(venue);
      expect((error as VenueApiError).code).toBe(expected.errorCode);
    },
  );

  it('rejects a price that is not a decimal string with a VenueResponseError naming the field', () => {
    const body = JSON.stringify(fixture(venue, 'orderbook')).replace(
      /"6064\d\.\d+"|"60650\.00000000"/,
      '"NaN"',
    );
    expect(body).toContain('"NaN"');
    let error: unknown;
    try {
      adapter.parseOrderBook(JSON.parse(body), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VenueResponseError);
    const e = error as VenueResponseError;
    expect(e.venue).toBe(venue);
    expect(e.field).toMatch(/\[0\]$/);
    expect(e.message).toContain(venue);
    expect(e.message).toContain('decimal');
  });

  it('rejects a body of the wrong shape (an empty object)', () => {
    expect(() => adapter.parseOrderBook({}, ctx)).toThrow(VenueResponseError);
    expect(() => adapter.parseCandles({}, ctx)).toThrow(VenueResponseError);
    expect(() => adapter.parseTicker([], ctx)).toThrow(VenueResponseError);
  });
});

describe('parseJsonText', () => {
  it('reports a truncated body as VenueResponseError at $', () => {
    const text = JSON.stringify(fixture('okx', 'orderbook'));
    expect(() =>
      parseJsonText({ venue: 'okx', endpoint: '/api/v5/market/books', text: text.slice(0, 40) }),
    ).toThrow(/invalid response at \$: body is not valid JSON/);
  });
});

describe('decimal parsing', () => {
  it('drops zero-size levels and sorts unsorted sides', () => {
    const book = VENUE_ADAPTERS.binance.parseOrderBook(
      {
        lastUpdateId: 1,
        bids: [
          ['1.0', '1'],
          ['3.0', '0.00000000'],
          ['2.5', '2'],
        ],
        asks: [
          ['5', '1'],
          ['4', '1'],
        ],
      },
      ctx,
    );
    expect(book.bids).toEqual([
      [2.5, 2],
      [1, 1],
    ]);
    expect(book.asks).toEqual([
      [4, 1],
      [5, 1],
    ]);
  });

  it('names the level when a level is not an array, and the cell when a size is a number', () => {
    const fieldOf = (body: unknown) => {
      try {
        VENUE_ADAPTERS.okx.parseOrderBook(body, ctx);
      } catch (e) {
        return (e as VenueResponseError).field;
      }
      return undefined;
    };
    const book = (bids: unknown[]) => ({ code: '0', msg: '', data: [{ asks: [], bids, ts: '1' }] });
    expect(fieldOf(book([['1', '1', '0', '1'], 'oops']))).toBe('$.data[0].bids[1]');
    expect(fieldOf(book([['1', 2, '0', '1']]))).toBe('$.data[0].bids[0][1]');
  });

  it.each(['-1', '', '1,5', 'Infinity', '0x10', '1e400'])('rejects %j', (bad) => {
    expect(() =>
      VENUE_ADAPTERS.binance.parseOrderBook({ lastUpdateId: 1, bids: [[bad, '1']], asks: [] }, ctx),
    ).toThrow(VenueResponseError);
  });
});

// Real recorded bodies from ../shared/data (third-party data, not in the repository): skipped when
// the folder is absent so the suite still runs on a plain clone.
const DATA = new URL('../../../../../shared/data/orderbook/', import.meta.url);
describe.skipIf(!existsSync(DATA))('real recorded bodies (../shared/data/orderbook)', () => {
  it('parses the real Binance /api/v3/depth body', () => {
    const body = JSON.parse(readFileSync(new URL('binance_spot_depth_sample.json', DATA), 'utf8'));
    const book = VENUE_ADAPTERS.binance.parseOrderBook(body, ctx);
    expect(book.bids[0]).toEqual([60650, 0.00213]);
    expect(book.asks[0]).toEqual([60650.01, 0.61982]);
    expect(book.bids).toHaveLength(10);
    expectCanonicalBook(book);
  });

  it('parses the real Bybit ob500 snapshot wrapped in the REST envelope', () => {
    const line = readFileSync(new URL('bybit_XRPUSDT_ob500_2024-12-01.jsonl', DATA), 'utf8').split('\n')[0]!;
    const snapshot = JSON.parse(line) as {
      ts: number;
      data: { s: string; b: unknown[]; a: unknown[]; u: number };
    };
    const body = {
      retCode: 0,
      retMsg: 'OK',
      result: {
        s: snapshot.data.s,
        b: snapshot.data.b,
        a: snapshot.data.a,
        ts: snapshot.ts,
        u: snapshot.data.u,
      },
      retExtInfo: {},
      time: snapshot.ts,
    };
    const book = VENUE_ADAPTERS.bybit.parseOrderBook(body, ctx);
    expect(book.bids).toHaveLength(500);
    expect(book.asks).toHaveLength(500);
    expect(book.bids[0]).toEqual([1.9531, 6203]);
    expect(book.ts).toBe(1733011200691);
    expectCanonicalBook(book);
    // 500 levels reach about ±2.5% of mid: enough to measure depth within 2%.
    const mid = (book.bids[0]![0] + book.asks[0]![0]) / 2;
    expect(book.bids[499]![0]).toBeLessThan(mid * 0.98);
  });
});
