import type { VenueHttpOptions } from './http/venueHttpOptions.js';
import { venueGet } from './http/venueGet.js';
import { HOUR_MS } from '../core/time.js';
import type { Candle } from '../core/types.js';
import type { VenueId } from '../core/venues.js';
import { VENUE_ADAPTERS } from './venues/venueAdapters.js';

export interface FetchVenueCandlesParams {
  readonly venue: VenueId;
  readonly symbol: string;
  /** @default the venue's public host */
  readonly baseUrl?: string;
  /** Current time, ms UTC: history ends with the last hour that has closed by then. */
  readonly nowMs: number;
  /** Hours of history wanted; capped at what the venue serves (Kraken: 720). @default 4800 (200 days) */
  readonly historyHours?: number;
  readonly http?: VenueHttpOptions;
}

/**
 * Pages back through a venue's hourly candles until `historyHours` closed hours are covered (or the
 * venue runs out). Returns closed candles only (open time + 1 h ≤ now), ascending, one per hour;
 * missing hours stay missing. Pages run concurrently, bounded by the venue's concurrency limit.
 */
export async function fetchVenueCandles({
  venue,
  symbol,
  baseUrl,
  nowMs,
  historyHours = 4800,
  http,
}: FetchVenueCandlesParams): Promise<Candle[]> {
  const adapter = VENUE_ADAPTERS[venue];
  const endMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS; // open time of the current, unfinished hour
  const hours = Math.min(historyHours, adapter.maxCandleHistoryHours);
  const startMs = endMs - hours * HOUR_MS;
  const pages: ReturnType<typeof adapter.candlePageRequest>[] = [];
  for (let pageEnd = endMs; pageEnd > startMs;) {
    const page = adapter.candlePageRequest({ symbol, endMs: pageEnd, nowMs });
    pages.push(page);
    pageEnd -= page.hours * HOUR_MS;
  }
  const results = await Promise.all(
    pages.map(async (page) => {
      const { body, receivedAt } = await venueGet({
        venue,
        request: page.request,
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(http === undefined ? {} : { options: http }),
      });
      return adapter.parseCandles(body, { receivedAt });
    }),
  );
  const byTs = new Map<number, Candle>();
  for (const candles of results) {
    for (const c of candles) if (c[0] >= startMs && c[0] < endMs && c[0] % HOUR_MS === 0) byTs.set(c[0], c);
  }
  return [...byTs.values()].sort((a, b) => a[0] - b[0]);
}
