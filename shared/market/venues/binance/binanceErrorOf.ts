import type { VenueErrorBody } from '../venueErrorBody.js';
import { binanceErrorSchema } from './binanceSchemas.js';

/** Binance error body `{code, msg}` (HTTP 4xx/5xx; `code` negative). */
export function binanceErrorOf(body: unknown): VenueErrorBody | undefined {
  const r = binanceErrorSchema.safeParse(body);
  return r.success ? { code: String(r.data.code), message: r.data.msg } : undefined;
}
