import type { Ticker } from '../../../core/types.js';
import type { ParseContext } from '../venueAdapter.js';
import { krakenResultEntry } from './krakenResultEntry.js';
import { KRAKEN_PATHS, krakenTickerEntrySchema } from './krakenSchemas.js';

/** Kraken `/0/public/Ticker` body → ticker. Kraken sends no time: `ts` is receipt time. */
export function parseKrakenTicker(body: unknown, ctx: ParseContext): Ticker {
  const { entry } = krakenResultEntry({
    endpoint: KRAKEN_PATHS.ticker,
    body,
    schema: krakenTickerEntrySchema,
  });
  return { bid: entry.b[0], ask: entry.a[0], last: entry.c[0], ts: ctx.receivedAt };
}
