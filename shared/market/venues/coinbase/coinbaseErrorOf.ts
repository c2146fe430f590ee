import type { VenueErrorBody } from '../venueErrorBody.js';
import { coinbaseErrorSchema } from './coinbaseSchemas.js';

/** Coinbase Exchange error body `{message}` (HTTP 4xx/5xx). Objects with `bids` are books, not errors. */
export function coinbaseErrorOf(body: unknown): VenueErrorBody | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'bids' in body || 'ask' in body) {
    return undefined;
  }
  const r = coinbaseErrorSchema.safeParse(body);
  return r.success ? { code: r.data.message, message: r.data.message } : undefined;
}
