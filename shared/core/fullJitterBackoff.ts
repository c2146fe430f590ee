export interface FullJitterBackoffParams {
  /** Retry number, counted from 0 for the wait after the first failure. */
  readonly attempt: number;
  /** Base of the exponential: the wait after the first failure is below this, ms. */
  readonly baseMs: number;
  /** Upper bound of any single wait, ms. */
  readonly maxMs: number;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/**
 * The one backoff Ballast retries with ("full jitter"): a uniformly random wait in
 * [0, min(maxMs, baseMs · 2^attempt)), ms. Spreads the retries of concurrent callers apart (AWS's
 * recommendation for throttled services). Used by the venue HTTP client and the KMS signer.
 */
export function fullJitterBackoff({
  attempt,
  baseMs,
  maxMs,
  random = Math.random,
}: FullJitterBackoffParams): number {
  return random() * Math.min(maxMs, baseMs * 2 ** attempt);
}
