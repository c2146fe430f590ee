/** A venue's own error, read from its error body. */
export interface VenueErrorBody {
  readonly code: string;
  readonly message: string;
}
