import * as z from 'zod';

const finite = z.number().finite();

/**
 * Deribit `GET /api/v2/public/get_volatility_index_data` (JSON-RPC envelope): `result.data` is
 * `[[ts_ms, open, high, low, close], …]` ascending, DVOL in annualised percent; `result.continuation`
 * is the next `end_timestamp` to page back, null when done.
 */
export const deribitDvolSchema = z.object({
  jsonrpc: z.literal('2.0'),
  result: z.object({
    data: z.array(z.tuple([z.number().int().nonnegative(), finite, finite, finite, z.number().positive()])),
    continuation: z.number().int().nullable(),
  }),
});

/** Deribit error envelope: `{"jsonrpc":"2.0","error":{"code":10047,"message":"…"}}`. */
export const deribitErrorSchema = z.object({
  jsonrpc: z.literal('2.0'),
  error: z.object({ code: z.number().int(), message: z.string() }),
});

/** The DVOL endpoint and the currencies Deribit publishes DVOL for. */
export const DERIBIT_DVOL = {
  defaultBaseUrl: 'https://www.deribit.com',
  path: '/api/v2/public/get_volatility_index_data',
  currencies: ['BTC', 'ETH'],
} as const;
