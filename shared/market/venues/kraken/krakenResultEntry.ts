import type { z } from 'zod';
import { VenueResponseError } from '../../errors.js';
import { parseVenueBody } from '../parseVenueBody.js';
import { krakenErrorOf } from './krakenErrorOf.js';
import { krakenEnvelopeSchema } from './krakenSchemas.js';

export interface KrakenResultEntryParams<S extends z.ZodType> {
  readonly endpoint: string;
  readonly body: unknown;
  readonly schema: S;
}

/**
 * Kraken keys its result by its own pair name (`XXBTZUSD` for a request of `XBTUSD`), so the entry
 * is the one key of `result` other than `last`. Validates it with `schema`, paths prefixed `result.<KEY>`.
 */
export function krakenResultEntry<S extends z.ZodType>({
  endpoint,
  body,
  schema,
}: KrakenResultEntryParams<S>): { key: string; entry: z.output<S>; last: unknown } {
  const envelope = parseVenueBody({
    venue: 'kraken',
    endpoint,
    schema: krakenEnvelopeSchema,
    body,
    errorOf: krakenErrorOf,
  });
  const keys = Object.keys(envelope.result).filter((k) => k !== 'last');
  const key = keys[0];
  if (keys.length !== 1 || key === undefined) {
    throw new VenueResponseError({
      venue: 'kraken',
      endpoint,
      field: '$.result',
      problem: `expected exactly one pair key, found ${keys.length} (${keys.slice(0, 5).join(', ')})`,
    });
  }
  const result = schema.safeParse(envelope.result[key]);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = (issue?.path ?? []).reduce<string>(
      (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : `${acc}.${String(k)}`),
      `$.result.${key}`,
    );
    throw new VenueResponseError({
      venue: 'kraken',
      endpoint,
      field,
      problem: issue?.message ?? 'does not match the schema',
      cause: result.error,
    });
  }
  return { key, entry: result.data, last: envelope.result['last'] };
}
