/** Faults the simulator can inject per venue, switchable at runtime. */
export const EXCHANGE_FAULT_KINDS = [
  /** Accept the request and never answer (the client's timeout must fire). */
  'timeout',
  /** HTTP 429 with `Retry-After` and the venue's rate-limit error body. */
  'rateLimit',
  /** HTTP 500 with the venue's internal-error body. */
  'serverError',
  /** HTTP 200 with the JSON body cut in half. */
  'truncatedJson',
  /** Book and ticker timestamps `staleMs` in the past (default 1 h); Kraken's level times too. */
  'staleTimestamp',
  /** Bids lifted above the best ask: best bid > best ask. */
  'crossedBook',
  /** Book and ticker quoted `offsetPct` away from the other venues (default +5%). */
  'offPrice',
  /** Every answer held back `delayMs` (default 2 s) before it is sent. */
  'slow',
] as const;
export type ExchangeFaultKind = (typeof EXCHANGE_FAULT_KINDS)[number];

export interface ExchangeFaultOptions {
  readonly kind: ExchangeFaultKind;
  /** For `rateLimit`. @default 1 */
  readonly retryAfterSeconds?: number;
  /** For `staleTimestamp`, ms. @default 3600000 */
  readonly staleMs?: number;
  /** For `offPrice`, fraction (0.05 = 5% above). @default 0.05 */
  readonly offsetPct?: number;
  /** For `slow`, ms. @default 2000 */
  readonly delayMs?: number;
}

/** A fault by name, or with options. */
export type ExchangeFault = ExchangeFaultKind | ExchangeFaultOptions;
