import * as z from 'zod';
import { decimalString, intString, levelSide } from '../decimal.js';

/** Success envelope: `{retCode:0, retMsg:"OK", result:{…}, retExtInfo:{}, time}`. */
const bybitEnvelope = <T extends z.ZodType>(result: T) =>
  z.object({ retCode: z.literal(0), retMsg: z.string(), result, time: z.number().int().optional() });

/** `GET /v5/market/orderbook?category=spot&symbol=…&limit=…` — `result = {s, b:[["p","q"]], a, ts, u}`. */
export const bybitOrderbookSchema = bybitEnvelope(
  z.object({ s: z.string(), b: levelSide, a: levelSide, ts: z.number().int() }),
);

/** `GET /v5/market/kline` — `result.list` rows `["startMs","o","h","l","c","volume","turnover"]`, newest first. */
export const bybitKlineSchema = bybitEnvelope(
  z.object({
    symbol: z.string(),
    list: z.array(
      z.tuple(
        [intString, decimalString, decimalString, decimalString, decimalString, decimalString],
        z.unknown(),
      ),
    ),
  }),
);

/** `GET /v5/market/tickers?category=spot&symbol=…` — `result.list[0] = {bid1Price, ask1Price, lastPrice, …}`; time at top level. */
export const bybitTickersSchema = bybitEnvelope(
  z.object({
    list: z
      .array(
        z.object({
          symbol: z.string(),
          bid1Price: decimalString,
          ask1Price: decimalString,
          lastPrice: decimalString,
        }),
      )
      .length(1, 'expected exactly one ticker'),
  }),
).refine((b) => b.time !== undefined, { message: 'missing time', path: ['time'] });

/** Error body: `{"retCode":10001,"retMsg":"Not supported symbols","result":{},…}`. */
export const bybitErrorSchema = z.object({
  retCode: z
    .number()
    .int()
    .refine((c) => c !== 0),
  retMsg: z.string(),
});

export const BYBIT_PATHS = {
  orderbook: '/v5/market/orderbook',
  candles: '/v5/market/kline',
  ticker: '/v5/market/tickers',
} as const;
