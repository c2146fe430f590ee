import { HOUR_MS } from '../../../../core/time.js';
import type { Level } from '../../../../core/types.js';
import type { SimResponse } from '../../simResponse.js';
import { venueErrorResponse } from '../../venueErrorResponse.js';
import { fixed, SIZE_DECIMALS } from '../fixed.js';
import { lastClosedOpen } from '../lastClosedOpen.js';
import { lastDayCandles } from '../lastDayCandles.js';
import { queryInt } from '../queryInt.js';
import type { VenueRequest } from '../VenueRequest.js';

/** Kraken answers with its own pair names; the majors differ from the altnames clients send. */
const KRAKEN_RESULT_KEY: Readonly<Record<string, string>> = {
  XBTUSD: 'XXBTZUSD',
  ETHUSD: 'XETHZUSD',
  XRPUSD: 'XXRPZUSD',
  XBTUSDT: 'XBTUSDT',
};

/** The simulator's Kraken REST (0/public: Time, Depth, OHLC, Ticker): the real API's paths, parameters, limits, ordering and error bodies. */
export function renderKrakenResponse({ path, query, nowMs, viewFor }: VenueRequest): SimResponse {
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
    const count = queryInt(query, 'count') ?? 100;
    if (count === 'bad' || count < 1 || count > 500) return err('badParam', 'count');
    const side = (levels: readonly Level[]) =>
      levels.slice(0, count).map(([pr, s], i) => [fixed(pr, d), fixed(s, SIZE_DECIMALS), tsSec - (i % 30)]);
    return {
      status: 200,
      body: { error: [], result: { [key]: { asks: side(view.asks), bids: side(view.bids) } } },
    };
  }
  if (path === '/0/public/OHLC') {
    const interval = queryInt(query, 'interval') ?? 1;
    if (interval !== 60) return err('badParam', 'interval');
    const since = queryInt(query, 'since');
    if (since === 'bad') return err('badParam', 'since');
    const last = lastClosedOpen(nowMs);
    // Kraken serves the 720 most recent bars, whatever `since` asks for.
    const rows = view
      .candlesIn(last - 719 * HOUR_MS, last)
      .filter((c) => since === undefined || c[0] / 1000 > since)
      .map(([t, o, h, l, c, v]) => [
        t / 1000,
        fixed(o, d),
        fixed(h, d),
        fixed(l, d),
        fixed(c, d),
        fixed((o + h + l + c) / 4, d),
        fixed(v, SIZE_DECIMALS),
        Math.round(v) + 1,
      ]);
    return { status: 200, body: { error: [], result: { [key]: rows, last: last / 1000 } } };
  }
  const day = lastDayCandles(view, nowMs);
  const vol = fixed(
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
          a: [fixed(ask[0], d), '1', fixed(ask[1], 3)],
          b: [fixed(bid[0], d), '1', fixed(bid[1], 3)],
          c: [fixed(view.last, d), '0.01000000'],
          v: [vol, vol],
          p: [fixed(view.last, d), fixed(view.last, d)],
          t: [day.length * 100, day.length * 100],
          l: [
            fixed(Math.min(...day.map((c) => c[3]), view.last), d),
            fixed(Math.min(...day.map((c) => c[3]), view.last), d),
          ],
          h: [
            fixed(Math.max(...day.map((c) => c[2]), view.last), d),
            fixed(Math.max(...day.map((c) => c[2]), view.last), d),
          ],
          o: fixed(day[0]?.[1] ?? view.last, d),
        },
      },
    },
  };
}
