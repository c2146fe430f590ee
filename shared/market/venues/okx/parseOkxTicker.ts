import type { Ticker } from '../../../core/types.js';
import { parseVenueBody } from '../parseVenueBody.js';
import type { ParseContext } from '../venueAdapter.js';
import { okxErrorOf } from './okxErrorOf.js';
import { OKX_PATHS, okxTickerSchema } from './okxSchemas.js';

/** OKX `/api/v5/market/ticker` body → ticker. */
export function parseOkxTicker(body: unknown, _ctx: ParseContext): Ticker {
  const { data } = parseVenueBody({
    venue: 'okx',
    endpoint: OKX_PATHS.ticker,
    schema: okxTickerSchema,
    body,
    errorOf: okxErrorOf,
  });
  const t = data[0]!;
  return { bid: t.bidPx, ask: t.askPx, last: t.last, ts: t.ts };
}
