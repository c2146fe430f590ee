import type { VenueHttpOptions } from './http/venueHttpOptions.js';
import { venueGet } from './http/venueGet.js';
import type { OrderBook } from '../core/types.js';
import type { VenueId } from '../core/venues.js';
import { VENUE_ADAPTERS } from './venues/venueAdapters.js';

export interface FetchVenueOrderBookParams {
  readonly venue: VenueId;
  /** The venue's own symbol (from the asset config). */
  readonly symbol: string;
  /** @default the venue's public host */
  readonly baseUrl?: string;
  /** Levels per side requested, capped at what the venue serves. @default 5000 */
  readonly depth?: number;
  readonly http?: VenueHttpOptions;
  /** Receipt clock, ms UTC. @default Date.now */
  readonly clock?: () => number;
}

/** Fetches and parses one venue's L2 book (bids descending, asks ascending, in the venue's quote), at most `depth` levels per side. */
export async function fetchVenueOrderBook({
  venue,
  symbol,
  baseUrl,
  depth = 5000,
  http,
  clock,
}: FetchVenueOrderBookParams): Promise<OrderBook> {
  const adapter = VENUE_ADAPTERS[venue];
  const { body, receivedAt } = await venueGet({
    venue,
    request: adapter.orderBookRequest({ symbol, depth }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(http === undefined ? {} : { options: http }),
    ...(clock === undefined ? {} : { clock }),
  });
  const book = adapter.parseOrderBook(body, { receivedAt });
  // Coinbase's level-2 book has no depth parameter and can run to tens of thousands of levels:
  // keep the same depth from every venue.
  if (book.bids.length <= depth && book.asks.length <= depth) return book;
  return { bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth), ts: book.ts };
}
