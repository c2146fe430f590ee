/** Resilience settings of the HTTP layer, per venue. Every default is written once, here. */
export interface VenueHttpOptions {
  /** Per-request deadline (connect + response), ms. @default 5000 */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and network errors. @default 2 */
  readonly maxRetries?: number;
  /** Base of the exponential backoff with full jitter: wait ∈ [0, base·2^attempt), ms. @default 250 */
  readonly backoffBaseMs?: number;
  /**
   * Longest single wait, ms; also the most of a `Retry-After` that is honoured: a venue asking for a
   * longer pause fails the request at once rather than blocking the cycle. @default 5000
   */
  readonly maxBackoffMs?: number;
  /** Requests in flight at once to one venue (per base URL), across all callers in this process. @default 4 */
  readonly concurrency?: number;
  /**
   * Least time between request starts to one venue, ms: the venue's public rate limit.
   * @default the adapter's `minRequestIntervalMs` (Coinbase 100, Kraken 1000, OKX 50, others 0)
   */
  readonly minIntervalMs?: number;
  /** Region named in geo-block errors. @default process.env.AWS_REGION */
  readonly region?: string;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
}

export const VENUE_HTTP_DEFAULTS = {
  timeoutMs: 5000,
  maxRetries: 2,
  backoffBaseMs: 250,
  maxBackoffMs: 5000,
  concurrency: 4,
} as const;
