import { VenueResponseError } from '../errors.js';
import type { VenueId } from '../../core/venues.js';

export interface ParseJsonTextParams {
  readonly venue: VenueId;
  readonly endpoint: string;
  readonly text: string;
}

/** `JSON.parse` that turns a truncated or non-JSON body into a `VenueResponseError` at field `$`. */
export function parseJsonText({ venue, endpoint, text }: ParseJsonTextParams): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const head = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw new VenueResponseError({
      venue,
      endpoint,
      field: '$',
      problem: `body is not valid JSON (${text.length} bytes, truncated or not JSON): ${JSON.stringify(head)}`,
      cause,
    });
  }
}
