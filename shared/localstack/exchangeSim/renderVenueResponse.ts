import { HOUR_MS } from '../../core/time.js';
import type { Candle, Level } from '../../core/types.js';
import type { VenueId } from '../../core/venues.js';
import type { SimResponse } from './simResponse.js';
import { venueErrorResponse } from './venueErrorResponse.js';
import type { VenueMarketView } from './venueMarketView.js';

export interface RenderVenueResponseParams {
  readonly venue: VenueId;
  /** Path after the `/<venue>` prefix, e.g. `/api/v3/depth`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly nowMs: number;
  /** The market behind a venue symbol, or undefined when the venue does not list it. */
  readonly viewFor: (symbol: string) => VenueMarketView | undefined;
  /** Monotone counter for update ids / sequences. */
  readonly sequence: number;
}

/** Kraken answers with its own pair names; the majors differ from the altnames clients send. */
const KRAKEN_RESULT_KEY: Readonly<Record<string, string>> = {
  XBTUSD: 'XXBTZUSD',
  ETHUSD: 'XETHZUSD',
  XRPUSD: 'XXRPZUSD',
  XBTUSDT: 'XBTUSDT',
};

/** Candles the simulator can serve end with the hour before the current one. */
const lastClosedOpen = (nowMs: number) => Math.floor(nowMs / HOUR_MS) * HOUR_MS - HOUR_MS;

function int(query: URLSearchParams, name: string): number | undefined | 'bad' {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : 'bad';
}

const fmt = (x: number, decimals: number) => x.toFixed(decimals);
const SIZE_DECIMALS = 8;

/**
 * Renders one venue REST endpoint from the simulated market in that venue's documented JSON shape:
 * same paths, query parameters, limits, ordering and error bodies as the real API (the subset
 * Ballast uses; see shared/market/README.md and the adapters under shared/market/venues). Unknown paths get the venue's 404 body.
 */
export function renderVenueResponse(p: RenderVenueResponseParams): SimResponse {
  switch (p.venue) {
    case 'binance':
      return binance(p);
    case 'coinbase':
      return coinbase(p);
    case 'kraken':
      return kraken(p);
    case 'okx':
      return okx(p);
    case 'bybit':
      return bybit(p);
  }
}

function binance({ path, query, nowMs, viewFor, sequence }: RenderVenueResponseParams): SimResponse {
  const err = (kind: Parameters<typeof venueErrorResponse>[1], detail?: string) =>
    venueErrorResponse('binance', kind, nowMs, detail);
  if (path === '/api/v3/ping') return { status: 200, body: {} };
  if (path === '/api/v3/time') return { status: 200, body: { serverTime: nowMs } };
  const symbol = query.get('symbol');
  if (symbol === null)
    return {
      status: 400,
      body: { code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." },
    };
  const view = viewFor(symbol);
  if (view === undefined) return err('unknownSymbol');
  const d = view.priceDecimals;
  switch (path) {
    case '/api/v3/depth': {
      const limit = int(query, 'limit') ?? 100;
      if (limit === 'bad' || limit < 1 || limit > 5000) return err('badParam', 'limit');
      const side = (levels: readonly Level[]) =>
        levels.slice(0, limit).map(([pr, s]) => [fmt(pr, d), fmt(s, SIZE_DECIMALS)]);
      return { status: 200, body: { lastUpdateId: sequence, bids: side(view.bids), asks: side(view.asks) } };
    }
    case '/api/v3/klines': {
      if (query.get('interval') !== '1h')
        return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
      const limit = int(query, 'limit') ?? 500;
      const start = int(query, 'startTime');
      const end = int(query, 'endTime');
      if (limit === 'bad' || limit < 1 || limit > 1000 || start === 'bad' || end === 'bad')
        return err('badParam', 'klines');
      const to = Math.min(end ?? Number.POSITIVE_INFINITY, lastClosedOpen(nowMs));
      const candles =
        start === undefined
          ? view.candlesIn(to - (limit - 1) * HOUR_MS, to)
          : view.candlesIn(start, to).slice(0, limit);
      return {
        status: 200,
        body: candles.map(([t, o, h, l, c, v]) => [
          t,
          fmt(o, d),
          fmt(h, d),
          fmt(l, d),
          fmt(c, d),
          fmt(v, SIZE_DECIMALS),
          t + HOUR_MS - 1,
          fmt(v * c, SIZE_DECIMALS),
          Math.round(v * 10) + 1,
          fmt(v / 2, SIZE_DECIMALS),
          fmt((v * c) / 2, SIZE_DECIMALS),
          '0',
        ]),
      };
    }
    case '/api/v3/ticker/24hr': {
      const day = view.candlesIn(lastClosedOpen(nowMs) - 23 * HOUR_MS, lastClosedOpen(nowMs));
      const open = day[0]?.[1] ?? view.last;
      const volume = day.reduce((s, c) => s + c[5], 0);
      const bid = view.bids[0];
      const ask = view.asks[0];
      return {
        status: 200,
        body: {
          symbol,
          priceChange: fmt(view.last - open, d),
          priceChangePercent: fmt(((view.last - open) / open) * 100, 3),
          weightedAvgPrice: fmt(view.last, d),
          prevClosePrice: fmt(open, d),
          lastPrice: fmt(view.last, d),
          lastQty: '0.01000000',
          bidPrice: fmt(bid?.[0] ?? 0, d),
          bidQty: fmt(bid?.[1] ?? 0, SIZE_DECIMALS),
          askPrice: fmt(ask?.[0] ?? 0, d),
          askQty: fmt(ask?.[1] ?? 0, SIZE_DECIMALS),
          openPrice: fmt(open, d),
          highPrice: fmt(Math.max(...day.map((c) => c[2]), view.last), d),
          lowPrice: fmt(Math.min(...day.map((c) => c[3]), view.last), d),
          volume: fmt(volume, SIZE_DECIMALS),
          quoteVolume: fmt(volume * view.last, SIZE_DECIMALS),
          openTime: view.ts - 24 * HOUR_MS,
          closeTime: view.ts,
          firstId: sequence,
          lastId: sequence + 1000,
          count: 1001,
        },
      };
    }
    default:
      return err('notFound');
  }
}

function coinbase({ path, query, nowMs, viewFor, sequence }: RenderVenueResponseParams): SimResponse {
  const m = /^\/products\/([^/]+)\/(book|candles|ticker)$/.exec(path);
  if (m === null) return venueErrorResponse('coinbase', 'notFound', nowMs);
  const view = viewFor(decodeURIComponent(m[1]!));
  if (view === undefined) return venueErrorResponse('coinbase', 'unknownSymbol', nowMs);
  const d = view.priceDecimals;
  const time = new Date(view.ts).toISOString();
  switch (m[2]) {
    case 'book': {
      const level = int(query, 'level') ?? 1;
      if (level === 'bad' || level < 1 || level > 3)
        return { status: 400, body: { message: 'Invalid level' } };
      const n = level === 1 ? 1 : Number.POSITIVE_INFINITY;
      const side = (levels: readonly Level[]) =>
        levels.slice(0, n).map(([pr, s], i) => [fmt(pr, d), fmt(s, SIZE_DECIMALS), 1 + (i % 7)]);
      return {
        status: 200,
        body: {
          bids: side(view.bids),
          asks: side(view.asks),
          sequence,
          auction_mode: false,
          auction: null,
          time,
        },
      };
    }
    case 'candles': {
      if (query.get('granularity') !== '3600')
        return { status: 400, body: { message: 'Unsupported granularity' } };
      const startRaw = query.get('start');
      const endRaw = query.get('end');
      const last = lastClosedOpen(nowMs);
      const end = endRaw === null ? last : Math.min(Date.parse(endRaw), last);
      const start = startRaw === null ? end - 299 * HOUR_MS : Date.parse(startRaw);
      if (!Number.isFinite(start) || !Number.isFinite(end))
        return { status: 400, body: { message: 'Invalid start or end' } };
      if ((end - start) / HOUR_MS + 1 > 300) {
        return {
          status: 400,
          body: {
            message:
              'granularity too small for the requested time range. Count of aggregations requested exceeds 300',
          },
        };
      }
      const round = (x: number) => Number(x.toFixed(d));
      return {
        status: 200,
        body: view
          .candlesIn(start, end)
          .reverse()
          .map(([t, o, h, l, c, v]) => [
            t / 1000,
            round(l),
            round(h),
            round(o),
            round(c),
            Number(v.toFixed(SIZE_DECIMALS)),
          ]),
      };
    }
    default: {
      const day = view.candlesIn(lastClosedOpen(nowMs) - 23 * HOUR_MS, lastClosedOpen(nowMs));
      return {
        status: 200,
        body: {
          ask: fmt(view.asks[0]?.[0] ?? 0, d),
          bid: fmt(view.bids[0]?.[0] ?? 0, d),
          volume: fmt(
            day.reduce((s, c) => s + c[5], 0),
            SIZE_DECIMALS,
          ),
          trade_id: sequence,
          price: fmt(view.last, d),
          size: '0.01000000',
          time,
          rfq_volume: '0.00000000',
        },
      };
    }
  }
}

function kraken({ path, query, nowMs, viewFor }: RenderVenueResponseParams): SimResponse {
  const err = (kind: Parameters<typeof venueErrorResponse>[1], detail?: string) =>
    venueErrorResponse('kraken', kind, nowMs, detail);
  if (path === '/0/public/Time') {
    return {
      status: 200,
      body: {
        error: [],
        result: { unixtime: Math.floor(nowMs / 1000), rfc1123: new Date(nowMs).toUTCString() },
      },
    };
  }
  if (!['/0/public/Depth', '/0/public/OHLC', '/0/public/Ticker'].includes(path)) return err('notFound');
  const pair = query.get('pair');
  if (pair === null) return err('badParam', 'pair');
  const view = viewFor(pair);
  if (view === undefined) return err('unknownSymbol');
  const key = KRAKEN_RESULT_KEY[pair] ?? pair;
  const d = view.priceDecimals;
  const tsSec = Math.floor(view.ts / 1000);
  if (path === '/0/public/Depth') {
    const count = int(query, 'count') ?? 100;
    if (count === 'bad' || count < 1 || count > 500) return err('badParam', 'count');
    const side = (levels: readonly Level[]) =>
      levels.slice(0, count).map(([pr, s], i) => [fmt(pr, d), fmt(s, SIZE_DECIMALS), tsSec - (i % 30)]);
    return {
      status: 200,
      body: { error: [], result: { [key]: { asks: side(view.asks), bids: side(view.bids) } } },
    };
  }
  if (path === '/0/public/OHLC') {
    const interval = int(query, 'interval') ?? 1;
    if (interval !== 60) return err('badParam', 'interval');
    const since = int(query, 'since');
    if (since === 'bad') return err('badParam', 'since');
    const last = lastClosedOpen(nowMs);
    // Kraken serves the 720 most recent bars, whatever `since` asks for.
    const rows = view
      .candlesIn(last - 719 * HOUR_MS, last)
      .filter((c) => since === undefined || c[0] / 1000 > since)
      .map(([t, o, h, l, c, v]) => [
        t / 1000,
        fmt(o, d),
        fmt(h, d),
        fmt(l, d),
        fmt(c, d),
        fmt((o + h + l + c) / 4, d),
        fmt(v, SIZE_DECIMALS),
        Math.round(v) + 1,
      ]);
    return { status: 200, body: { error: [], result: { [key]: rows, last: last / 1000 } } };
  }
  const day = view.candlesIn(lastClosedOpen(nowMs) - 23 * HOUR_MS, lastClosedOpen(nowMs));
  const vol = fmt(
    day.reduce((s, c) => s + c[5], 0),
    SIZE_DECIMALS,
  );
  const bid = view.bids[0] ?? [0, 0];
  const ask = view.asks[0] ?? [0, 0];
  return {
    status: 200,
    body: {
      error: [],
      result: {
        [key]: {
          a: [fmt(ask[0], d), '1', fmt(ask[1], 3)],
          b: [fmt(bid[0], d), '1', fmt(bid[1], 3)],
          c: [fmt(view.last, d), '0.01000000'],
          v: [vol, vol],
          p: [fmt(view.last, d), fmt(view.last, d)],
          t: [day.length * 100, day.length * 100],
          l: [
            fmt(Math.min(...day.map((c) => c[3]), view.last), d),
            fmt(Math.min(...day.map((c) => c[3]), view.last), d),
          ],
          h: [
            fmt(Math.max(...day.map((c) => c[2]), view.last), d),
            fmt(Math.max(...day.map((c) => c[2]), view.last), d),
          ],
          o: fmt(day[0]?.[1] ?? view.last, d),
        },
      },
    },
  };
}

function okx({ path, query, nowMs, viewFor }: RenderVenueResponseParams): SimResponse {
  const err = (kind: Parameters<typeof venueErrorResponse>[1], detail?: string) =>
    venueErrorResponse('okx', kind, nowMs, detail);
  const known = [
    '/api/v5/market/books',
    '/api/v5/market/candles',
    '/api/v5/market/history-candles',
    '/api/v5/market/ticker',
  ];
  if (!known.includes(path)) return err('notFound');
  const instId = query.get('instId');
  if (instId === null) return err('badParam', 'instId');
  const view = viewFor(instId);
  if (view === undefined) return err('unknownSymbol');
  const d = view.priceDecimals;
  const ok = (data: unknown[]) => ({ status: 200, body: { code: '0', msg: '', data } });
  if (path === '/api/v5/market/books') {
    const sz = int(query, 'sz') ?? 1;
    if (sz === 'bad' || sz < 1 || sz > 400) return err('badParam', 'sz');
    const side = (levels: readonly Level[]) =>
      levels.slice(0, sz).map(([pr, s], i) => [fmt(pr, d), fmt(s, SIZE_DECIMALS), '0', String(1 + (i % 9))]);
    return ok([{ asks: side(view.asks), bids: side(view.bids), ts: String(view.ts) }]);
  }
  if (path === '/api/v5/market/ticker') {
    const day = view.candlesIn(lastClosedOpen(nowMs) - 23 * HOUR_MS, lastClosedOpen(nowMs));
    const vol = day.reduce((s, c) => s + c[5], 0);
    return ok([
      {
        instType: 'SPOT',
        instId,
        last: fmt(view.last, d),
        lastSz: '0.01',
        askPx: fmt(view.asks[0]?.[0] ?? 0, d),
        askSz: fmt(view.asks[0]?.[1] ?? 0, SIZE_DECIMALS),
        bidPx: fmt(view.bids[0]?.[0] ?? 0, d),
        bidSz: fmt(view.bids[0]?.[1] ?? 0, SIZE_DECIMALS),
        open24h: fmt(day[0]?.[1] ?? view.last, d),
        high24h: fmt(Math.max(...day.map((c) => c[2]), view.last), d),
        low24h: fmt(Math.min(...day.map((c) => c[3]), view.last), d),
        volCcy24h: fmt(vol * view.last, 2),
        vol24h: fmt(vol, SIZE_DECIMALS),
        ts: String(view.ts),
        sodUtc0: fmt(view.last, d),
        sodUtc8: fmt(view.last, d),
      },
    ]);
  }
  if (query.get('bar') !== '1H') return err('badParam', 'bar');
  const history = path === '/api/v5/market/history-candles';
  const maxLimit = history ? 100 : 300;
  const limit = int(query, 'limit') ?? 100;
  const after = int(query, 'after');
  const before = int(query, 'before');
  if (limit === 'bad' || limit < 1 || limit > maxLimit || after === 'bad' || before === 'bad')
    return err('badParam', 'limit');
  const last = lastClosedOpen(nowMs);
  // `candles` only reaches back 1,440 bars; older ones are on `history-candles`.
  const oldest = history ? Number.NEGATIVE_INFINITY : last - 1439 * HOUR_MS;
  const to = Math.min(last, after === undefined ? last : after - 1);
  // The newest `limit` bars with open time in (before, after), never older than what the endpoint keeps.
  const from = Math.max(
    oldest,
    before === undefined ? Number.NEGATIVE_INFINITY : before + 1,
    to - limit * HOUR_MS,
  );
  const rows = view
    .candlesIn(from, to)
    .slice(-limit)
    .reverse()
    .map(([t, o, h, l, c, v]) => [
      String(t),
      fmt(o, d),
      fmt(h, d),
      fmt(l, d),
      fmt(c, d),
      fmt(v, SIZE_DECIMALS),
      fmt(v * c, 2),
      fmt(v * c, 2),
      '1',
    ]);
  return ok(rows);
}

function bybit({ path, query, nowMs, viewFor, sequence }: RenderVenueResponseParams): SimResponse {
  const err = (kind: Parameters<typeof venueErrorResponse>[1], detail?: string) =>
    venueErrorResponse('bybit', kind, nowMs, detail);
  if (!['/v5/market/orderbook', '/v5/market/kline', '/v5/market/tickers'].includes(path))
    return err('notFound');
  if (query.get('category') !== 'spot') return err('badParam', 'category');
  const symbol = query.get('symbol');
  if (symbol === null) return err('badParam', 'symbol');
  const view = viewFor(symbol);
  if (view === undefined) return err('unknownSymbol');
  const d = view.priceDecimals;
  const ok = (result: unknown) => ({
    status: 200,
    body: {
      retCode: 0,
      retMsg: 'OK',
      result,
      retExtInfo: {},
      time: path === '/v5/market/kline' ? nowMs : view.ts,
    },
  });
  if (path === '/v5/market/orderbook') {
    const limit = int(query, 'limit') ?? 1;
    if (limit === 'bad' || limit < 1 || limit > 200) return err('badParam', 'limit');
    const side = (levels: readonly Level[]) =>
      levels.slice(0, limit).map(([pr, s]) => [fmt(pr, d), fmt(s, SIZE_DECIMALS)]);
    return ok({
      s: symbol,
      b: side(view.bids),
      a: side(view.asks),
      ts: view.ts,
      u: sequence,
      seq: sequence * 10,
      cts: view.ts - 5,
    });
  }
  if (path === '/v5/market/tickers') {
    const day = view.candlesIn(lastClosedOpen(nowMs) - 23 * HOUR_MS, lastClosedOpen(nowMs));
    const vol = day.reduce((s, c) => s + c[5], 0);
    const open = day[0]?.[1] ?? view.last;
    return ok({
      category: 'spot',
      list: [
        {
          symbol,
          bid1Price: fmt(view.bids[0]?.[0] ?? 0, d),
          bid1Size: fmt(view.bids[0]?.[1] ?? 0, SIZE_DECIMALS),
          ask1Price: fmt(view.asks[0]?.[0] ?? 0, d),
          ask1Size: fmt(view.asks[0]?.[1] ?? 0, SIZE_DECIMALS),
          lastPrice: fmt(view.last, d),
          prevPrice24h: fmt(open, d),
          price24hPcnt: fmt((view.last - open) / open, 4),
          highPrice24h: fmt(Math.max(...day.map((c) => c[2]), view.last), d),
          lowPrice24h: fmt(Math.min(...day.map((c) => c[3]), view.last), d),
          turnover24h: fmt(vol * view.last, 4),
          volume24h: fmt(vol, SIZE_DECIMALS),
          usdIndexPrice: fmt(view.last, d),
        },
      ],
    });
  }
  if (query.get('interval') !== '60') return err('badParam', 'interval');
  const limit = int(query, 'limit') ?? 200;
  const start = int(query, 'start');
  const end = int(query, 'end');
  if (limit === 'bad' || limit < 1 || limit > 1000 || start === 'bad' || end === 'bad')
    return err('badParam', 'limit');
  const to = Math.min(end ?? Number.POSITIVE_INFINITY, lastClosedOpen(nowMs));
  // The newest `limit` bars with open time in [start, end].
  const from = Math.max(start ?? Number.NEGATIVE_INFINITY, to - limit * HOUR_MS);
  const list = view
    .candlesIn(from, to)
    .slice(-limit)
    .reverse()
    .map(([t, o, h, l, c, v]: Candle) => [
      String(t),
      fmt(o, d),
      fmt(h, d),
      fmt(l, d),
      fmt(c, d),
      fmt(v, SIZE_DECIMALS),
      fmt(v * c, 4),
    ]);
  return ok({ category: 'spot', symbol, list });
}
