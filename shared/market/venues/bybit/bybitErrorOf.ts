import type { VenueErrorBody } from '../venueErrorBody.js';
import { bybitErrorSchema } from './bybitSchemas.js';

/** Bybit error body: non-zero `retCode`, e.g. `{"retCode":10001,"retMsg":"Not supported symbols"}`. */
export function bybitErrorOf(body: unknown): VenueErrorBody | undefined {
  const r = bybitErrorSchema.safeParse(body);
  return r.success ? { code: String(r.data.retCode), message: r.data.retMsg } : undefined;
}
