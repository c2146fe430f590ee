import * as z from 'zod';
import { decimalString, intString, levelSide } from '../decimal.js';

/** Success envelope: `{code:"0", msg:"", data:[…]}`. */
const okxEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ code: z.literal('0'), msg: z.string(), data: z.array(data) });

/** `GET /api/v5/market/books?instId=…&sz=…` — `data[0] = {asks:[["px","sz","0","numOrders"]], bids, ts:"ms"}`. */
export const okxBooksSchema = okxEnvelope(
  z.object({ asks: levelSide, bids: levelSide, ts: intString }),
).refine((b) => b.data.length === 1, { message: 'expected exactly one book in data', path: ['data'] });

/**
 * `GET /api/v5/market/candles` and `/history-candles` — rows `["ts","o","h","l","c","vol","volCcy",
 * "volCcyQuote","confirm"]`, newest first; `vol` is in base currency for spot.
 */
export const okxCandlesSchema = okxEnvelope(
  z.tuple(
    [intString, decimalString, decimalString, decimalString, decimalString, decimalString],
    z.unknown(),
  ),
);

/** `GET /api/v5/market/ticker?instId=…` — `data[0] = {last, askPx, bidPx, ts, …}`. */
export const okxTickerSchema = okxEnvelope(
  z.object({
    instId: z.string(),
    last: decimalString,
    askPx: decimalString,
    bidPx: decimalString,
    ts: intString,
  }),
).refine((b) => b.data.length === 1, { message: 'expected exactly one ticker in data', path: ['data'] });

/** Error body: `{"code":"51001","msg":"Instrument ID does not exist","data":[]}` (HTTP 200 or 4xx). */
export const okxErrorSchema = z.object({ code: z.string().refine((c) => c !== '0'), msg: z.string() });

export const OKX_PATHS = {
  orderbook: '/api/v5/market/books',
  candles: '/api/v5/market/candles',
  historyCandles: '/api/v5/market/history-candles',
  ticker: '/api/v5/market/ticker',
} as const;
