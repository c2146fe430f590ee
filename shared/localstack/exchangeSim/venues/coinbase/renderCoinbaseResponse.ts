import { HOUR_MS } from '../../../../core/time.js';
import type { Level } from '../../../../core/types.js';
import type { SimResponse } from '../../simResponse.js';
import { venueErrorResponse } from '../../venueErrorResponse.js';
import { fixed, SIZE_DECIMALS } from '../fixed.js';
import { lastClosedOpen } from '../lastClosedOpen.js';
import { lastDayCandles } from '../lastDayCandles.js';
import { queryInt } from '../queryInt.js';
import type { VenueRequest } from '../VenueRequest.js';

/** The simulator's Coinbase Exchange REST (products/{id}/book, candles, ticker): the real API's paths, parameters, limits, ordering and error bodies. */
export function renderCoinbaseResponse({ path, query, nowMs, viewFor, sequence }: VenueRequest): SimResponse {
  const m = /^\/products\/([^/]+)\/(book|candles|ticker)$/.exec(path);
  if (m === null) return venueErrorResponse('coinbase', 'notFound', nowMs);
  const view = viewFor(decodeURIComponent(m[1]!));
  if (view === undefined) return venueErrorResponse('coinbase', 'unknownSymbol', nowMs);
  const d = view.priceDecimals;
  const time = new Date(view.ts).toISOString();
  switch (m[2]) {
    case 'book': {
      const level = queryInt(query, 'level') ?? 1;
      if (level === 'bad' || level < 1 || level > 3)
        return { status: 400, body: { message: 'Invalid level' } };
      const n = level === 1 ? 1 : Number.POSITIVE_INFINITY;
      const side = (levels: readonly Level[]) =>
        levels.slice(0, n).map(([pr, s], i) => [fixed(pr, d), fixed(s, SIZE_DECIMALS), 1 + (i % 7)]);
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
      const day = lastDayCandles(view, nowMs);
      return {
        status: 200,
        body: {
          ask: fixed(view.asks[0]?.[0] ?? 0, d),
          bid: fixed(view.bids[0]?.[0] ?? 0, d),
          volume: fixed(
            day.reduce((s, c) => s + c[5], 0),
            SIZE_DECIMALS,
          ),
          trade_id: sequence,
          price: fixed(view.last, d),
          size: '0.01000000',
          time,
          rfq_volume: '0.00000000',
        },
      };
    }
  }
}
