import { HOUR_MS } from '../../../../core/time.js';
import type { Level } from '../../../../core/types.js';
import type { SimResponse } from '../../simResponse.js';
import { venueErrorResponse } from '../../venueErrorResponse.js';
import { fixed, SIZE_DECIMALS } from '../fixed.js';
import { lastClosedOpen } from '../lastClosedOpen.js';
import { lastDayCandles } from '../lastDayCandles.js';
import { queryInt } from '../queryInt.js';
import type { VenueRequest } from '../VenueRequest.js';

/** The simulator's Binance spot REST (api/v3: ping, time, depth, klines, ticker/24hr): the real API's paths, parameters, limits, ordering and error bodies. */
export function renderBinanceResponse({ path, query, nowMs, viewFor, sequence }: VenueRequest): SimResponse {
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
      const limit = queryInt(query, 'limit') ?? 100;
      if (limit === 'bad' || limit < 1 || limit > 5000) return err('badParam', 'limit');
      const side = (levels: readonly Level[]) =>
        levels.slice(0, limit).map(([pr, s]) => [fixed(pr, d), fixed(s, SIZE_DECIMALS)]);
      return { status: 200, body: { lastUpdateId: sequence, bids: side(view.bids), asks: side(view.asks) } };
    }
    case '/api/v3/klines': {
      if (query.get('interval') !== '1h')
        return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
      const limit = queryInt(query, 'limit') ?? 500;
      const start = queryInt(query, 'startTime');
      const end = queryInt(query, 'endTime');
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
          fixed(o, d),
          fixed(h, d),
          fixed(l, d),
          fixed(c, d),
          fixed(v, SIZE_DECIMALS),
          t + HOUR_MS - 1,
          fixed(v * c, SIZE_DECIMALS),
          Math.round(v * 10) + 1,
          fixed(v / 2, SIZE_DECIMALS),
          fixed((v * c) / 2, SIZE_DECIMALS),
          '0',
        ]),
      };
    }
    case '/api/v3/ticker/24hr': {
      const day = lastDayCandles(view, nowMs);
      const open = day[0]?.[1] ?? view.last;
      const volume = day.reduce((s, c) => s + c[5], 0);
      const bid = view.bids[0];
      const ask = view.asks[0];
      return {
        status: 200,
        body: {
          symbol,
          priceChange: fixed(view.last - open, d),
          priceChangePercent: fixed(((view.last - open) / open) * 100, 3),
          weightedAvgPrice: fixed(view.last, d),
          prevClosePrice: fixed(open, d),
          lastPrice: fixed(view.last, d),
          lastQty: '0.01000000',
          bidPrice: fixed(bid?.[0] ?? 0, d),
          bidQty: fixed(bid?.[1] ?? 0, SIZE_DECIMALS),
          askPrice: fixed(ask?.[0] ?? 0, d),
          askQty: fixed(ask?.[1] ?? 0, SIZE_DECIMALS),
          openPrice: fixed(open, d),
          highPrice: fixed(Math.max(...day.map((c) => c[2]), view.last), d),
          lowPrice: fixed(Math.min(...day.map((c) => c[3]), view.last), d),
          volume: fixed(volume, SIZE_DECIMALS),
          quoteVolume: fixed(volume * view.last, SIZE_DECIMALS),
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
