import type { VenueId } from '../../../core/venues.js';
import type { VenueMarketView } from '../venueMarketView.js';

/** One request to a simulated venue, as every venue renderer reads it. */
export interface VenueRequest {
  readonly venue: VenueId;
  /** Path after the `/<venue>` prefix, e.g. `/api/v3/depth`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly nowMs: number;
  /** The market behind a venue symbol, or undefined when the venue does not list it. */
  readonly viewFor: (symbol: string) => VenueMarketView | undefined;
  /** Monotone counter for update ids / sequences. */
  readonly sequence: number;
}
