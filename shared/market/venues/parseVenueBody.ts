import type { z } from 'zod';
import { VenueApiError, VenueResponseError } from '../errors.js';
import type { VenueId } from '../../core/venues.js';
import type { VenueErrorBody } from './venueErrorBody.js';

export interface ParseVenueBodyParams<S extends z.ZodType> {
  readonly venue: VenueId;
  readonly endpoint: string;
  readonly schema: S;
  readonly body: unknown;
  /** Recognises the venue's error body; checked before the schema so the error says what the venue said. */
  readonly errorOf: (body: unknown) => VenueErrorBody | undefined;
}

/**
 * Validates a venue body against its zod schema. A venue error body becomes a `VenueApiError`;
 * any other mismatch a `VenueResponseError` naming the JSON path of the first offending field.
 */
export function parseVenueBody<S extends z.ZodType>({
  venue,
  endpoint,
  schema,
  body,
  errorOf,
}: ParseVenueBodyParams<S>): z.output<S> {
  const apiError = errorOf(body);
  if (apiError !== undefined) {
    throw new VenueApiError({ venue, endpoint, code: apiError.code, venueMessage: apiError.message });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field =
    issue === undefined
      ? '$'
      : issue.path.reduce<string>(
          (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
          '$',
        );
  throw new VenueResponseError({
    venue,
    endpoint,
    field,
    problem: issue?.message ?? 'does not match the schema',
    cause: result.error,
  });
}
