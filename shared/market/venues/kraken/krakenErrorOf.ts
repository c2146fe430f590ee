import type { VenueErrorBody } from '../venueErrorBody.js';
import { krakenErrorSchema } from './krakenSchemas.js';

/** Kraken error body: a non-empty `error` list, e.g. `["EQuery:Unknown asset pair"]`; the first entry is the code. */
export function krakenErrorOf(body: unknown): VenueErrorBody | undefined {
  const r = krakenErrorSchema.safeParse(body);
  if (!r.success) return undefined;
  const first = r.data.error[0] ?? 'unknown';
  return { code: first.split(':')[0] ?? first, message: r.data.error.join('; ') };
}
