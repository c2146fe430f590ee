export interface BackoffDelayParams {
  /** Failed attempts so far (≥ 1). */
  readonly failures: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Wait before the next delivery attempt: `min(maxMs, baseMs · 2^(failures − 1))`, ms (1 s, 2 s,
 * 4 s, … with the defaults). No jitter: one monitor delivers at a time. Pure.
 */
export function backoffDelay({ failures, baseMs, maxMs }: BackoffDelayParams): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}
