import type { OrderBook } from '../../../core/types.js';
import { toLevels } from '../toLevels.js';
import type { ParseContext } from '../venueAdapter.js';
import { krakenResultEntry } from './krakenResultEntry.js';
import { KRAKEN_PATHS, krakenDepthEntrySchema } from './krakenSchemas.js';

/**
 * Kraken `/0/public/Depth` body → canonical book. Kraken has no book time, but each level carries
 * its last-update time (s): `ts` is the newest of those, so a frozen book shows up as stale.
 */
export function parseKrakenOrderBook(body: unknown, ctx: ParseContext): OrderBook {
  const { entry } = krakenResultEntry({
    endpoint: KRAKEN_PATHS.orderbook,
    body,
    schema: krakenDepthEntrySchema,
  });
  let newest = 0;
  for (const level of entry.bids) newest = Math.max(newest, level[2]);
  for (const level of entry.asks) newest = Math.max(newest, level[2]);
  return {
    bids: toLevels({ levels: entry.bids, side: 'bids' }),
    asks: toLevels({ levels: entry.asks, side: 'asks' }),
    ts: newest > 0 ? Math.round(newest * 1000) : ctx.receivedAt,
  };
}
