import { HOUR_MS } from '../../../../core/time.js';
import type { Level } from '../../../../core/types.js';
import type { SimResponse } from '../../simResponse.js';
import { venueErrorResponse } from '../../venueErrorResponse.js';
import { fixed, SIZE_DECIMALS } from '../fixed.js';
import { lastClosedOpen } from '../lastClosedOpen.js';
import { lastDayCandles } from '../lastDayCandles.js';
import { queryInt } from '../queryInt.js';
import type { VenueRequest } from '../VenueRequest.js';

/** The simulator's OKX REST (api/v5/market: books, candles, history-candles, ticker): the real API's paths, parameters, limits, ordering and error bodies. */
export function renderOkxResponse({ path, query, nowMs, viewFor }: VenueRequest): SimResponse {
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
    const sz = queryInt(query, 'sz') ?? 1;
    if (sz === 'bad' || sz < 1 || sz > 400) return err('badParam', 'sz');
    const side = (levels: readonly Level[]) =>
      levels
        .slice(0, sz)
        .map(([pr, s], i) => [fixed(pr, d), fixed(s, SIZE_DECIMALS), '0', String(1 + (i % 9))]);
    return ok([{ asks: side(view.asks), bids: side(view.bids), ts: String(view.ts) }]);
  }
  if (path === '/api/v5/market/ticker') {
    const day = lastDayCandles(view, nowMs);
    const vol = day.reduce((s, c) => s + c[5], 0);
    return ok([
      {
        instType: 'SPOT',
        instId,
        last: fixed(view.last, d),
        lastSz: '0.01',
        askPx: fixed(view.asks[0]?.[0] ?? 0, d),
        askSz: fixed(view.asks[0]?.[1] ?? 0, SIZE_DECIMALS),
        bidPx: fixed(view.bids[0]?.[0] ?? 0, d),
        bidSz: fixed(view.bids[0]?.[1] ?? 0, SIZE_DECIMALS),
        open24h: fixed(day[0]?.[1] ?? view.last, d),
        high24h: fixed(Math.max(...day.map((c) => c[2]), view.last), d),
        low24h: fixed(Math.min(...day.map((c) => c[3]), view.last), d),
        volCcy24h: fixed(vol * view.last, 2),
        vol24h: fixed(vol, SIZE_DECIMALS),
        ts: String(view.ts),
        sodUtc0: fixed(view.last, d),
        sodUtc8: fixed(view.last, d),
      },
    ]);
  }
  if (query.get('bar') !== '1H') return err('badParam', 'bar');
  const history = path === '/api/v5/market/history-candles';
  const maxLimit = history ? 100 : 300;
  const limit = queryInt(query, 'limit') ?? 100;
  const after = queryInt(query, 'after');
  const before = queryInt(query, 'before');
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
      fixed(o, d),
      fixed(h, d),
      fixed(l, d),
      fixed(c, d),
      fixed(v, SIZE_DECIMALS),
      fixed(v * c, 2),
      fixed(v * c, 2),
      '1',
    ]);
  return ok(rows);
}
