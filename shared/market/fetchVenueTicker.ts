import type { VenueHttpOptions } from './http/venueHttpOptions.js';
import { venueGet } from './http/venueGet.js';
import type { Ticker } from '../core/types.js';
import type { VenueId } from '../core/venues.js';
import { VENUE_ADAPTERS } from './venues/venueAdapters.js';

export interface FetchVenueTickerParams {
  readonly venue: VenueId;
  readonly symbol: string;
  /** @default the venue's public host */
  readonly baseUrl?: string;
  readonly http?: VenueHttpOptions;
  /** Receipt clock, ms UTC. @default Date.now */
  readonly clock?: () => number;
}

/** Fetches and parses one venue's best bid/ask and last price. */
export async function fetchVenueTicker({
  venue,
  symbol,
  baseUrl,
  http,
  clock,
}: FetchVenueTickerParams): Promise<Ticker> {
  const adapter = VENUE_ADAPTERS[venue];
  const { body, receivedAt } = await venueGet({
    venue,
    request: adapter.tickerRequest({ symbol }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(http === undefined ? {} : { options: http }),
    ...(clock === undefined ? {} : { clock }),
  });
  return adapter.parseTicker(body, { receivedAt });
}
