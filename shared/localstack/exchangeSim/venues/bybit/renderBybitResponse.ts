import { HOUR_MS } from '../../../../core/time.js';
import type { Candle, Level } from '../../../../core/types.js';
import type { SimResponse } from '../../simResponse.js';
import { venueErrorResponse } from '../../venueErrorResponse.js';
import { fixed, SIZE_DECIMALS } from '../fixed.js';
import { lastClosedOpen } from '../lastClosedOpen.js';
import { lastDayCandles } from '../lastDayCandles.js';
import { queryInt } from '../queryInt.js';
import type { VenueRequest } from '../VenueRequest.js';

/** The simulator's Bybit REST (v5/market: orderbook, kline, tickers), spot category: the real API's paths, parameters, limits, ordering and error bodies. */
export function renderBybitResponse({ path, query, nowMs, viewFor, sequence }: VenueRequest): SimResponse {
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
    const limit = queryInt(query, 'limit') ?? 1;
    if (limit === 'bad' || limit < 1 || limit > 200) return err('badParam', 'limit');
    const side = (levels: readonly Level[]) =>
      levels.slice(0, limit).map(([pr, s]) => [fixed(pr, d), fixed(s, SIZE_DECIMALS)]);
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
    const day = lastDayCandles(view, nowMs);
    const vol = day.reduce((s, c) => s + c[5], 0);
    const open = day[0]?.[1] ?? view.last;
    return ok({
      category: 'spot',
      list: [
        {
          symbol,
          bid1Price: fixed(view.bids[0]?.[0] ?? 0, d),
          bid1Size: fixed(view.bids[0]?.[1] ?? 0, SIZE_DECIMALS),
          ask1Price: fixed(view.asks[0]?.[0] ?? 0, d),
          ask1Size: fixed(view.asks[0]?.[1] ?? 0, SIZE_DECIMALS),
          lastPrice: fixed(view.last, d),
          prevPrice24h: fixed(open, d),
          price24hPcnt: fixed((view.last - open) / open, 4),
          highPrice24h: fixed(Math.max(...day.map((c) => c[2]), view.last), d),
          lowPrice24h: fixed(Math.min(...day.map((c) => c[3]), view.last), d),
          turnover24h: fixed(vol * view.last, 4),
          volume24h: fixed(vol, SIZE_DECIMALS),
          usdIndexPrice: fixed(view.last, d),
        },
      ],
    });
  }
  if (query.get('interval') !== '60') return err('badParam', 'interval');
  const limit = queryInt(query, 'limit') ?? 200;
  const start = queryInt(query, 'start');
  const end = queryInt(query, 'end');
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
      fixed(o, d),
      fixed(h, d),
      fixed(l, d),
      fixed(c, d),
      fixed(v, SIZE_DECIMALS),
      fixed(v * c, 4),
    ]);
  return ok({ category: 'spot', symbol, list });
}
