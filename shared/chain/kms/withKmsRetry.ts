import { fullJitterBackoff } from '../../core/fullJitterBackoff.js';
import { classifyKmsError } from './classifyKmsError.js';
import { KmsThrottledError } from './errors.js';

export interface KmsRetryOptions {
  /** Total attempts including the first. @default 6 */
  readonly maxAttempts?: number;
  /** Backoff base: attempt k waits a uniformly random time in [0, min(maxDelayMs, baseDelayMs·2^k)). @default 100 */
  readonly baseDelayMs?: number;
  /** Upper bound of any single wait. @default 2000 */
  readonly maxDelayMs?: number;
}

export interface KmsRetryEvent {
  readonly keyId: string;
  readonly operation: string;
  /** 1-based attempt that failed. */
  readonly attempt: number;
  /** Wait before the next attempt, or undefined when no attempt is left. */
  readonly delayMs: number | undefined;
  readonly error: unknown;
}

export interface WithKmsRetryParams<T> {
  readonly keyId: string;
  readonly operation: string;
  readonly call: () => Promise<T>;
  readonly retry?: KmsRetryOptions;
  /** Called on every ThrottlingException (or HTTP 429), retried or not: feed it to the KMS throttle metric. */
  readonly onThrottle?: (event: KmsRetryEvent) => void;
  /** Called on every transient failure (5xx, KMSInternalException, network). */
  readonly onTransient?: (event: KmsRetryEvent) => void;
}

/** @default see KmsRetryOptions */
export const KMS_RETRY_DEFAULTS = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 2000 } as const;

/**
 * Runs one KMS call with bounded, fully jittered exponential backoff on throttling and transient
 * failures (AWS's recommended "full jitter": spreads retries of concurrent callers apart). Fatal
 * errors are thrown at once as KmsSignerError subclasses. With the defaults the worst case waits
 * less than 0.1+0.2+0.4+0.8+1.6 = 3.1 s in total before giving up with KmsThrottledError.
 */
export async function withKmsRetry<T>({
  keyId,
  operation,
  call,
  retry = {},
  onThrottle,
  onTransient,
}: WithKmsRetryParams<T>): Promise<T> {
  const maxAttempts = retry.maxAttempts ?? KMS_RETRY_DEFAULTS.maxAttempts;
  const baseDelayMs = retry.baseDelayMs ?? KMS_RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = retry.maxDelayMs ?? KMS_RETRY_DEFAULTS.maxDelayMs;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer ≥ 1, got ${maxAttempts}`);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const verdict = classifyKmsError({ error, keyId, operation });
      if (verdict.kind === 'fatal') throw verdict.error;
      const last = attempt >= maxAttempts;
      const delayMs = last
        ? undefined
        : fullJitterBackoff({ attempt: attempt - 1, baseMs: baseDelayMs, maxMs: maxDelayMs });
      const event: KmsRetryEvent = { keyId, operation, attempt, delayMs, error };
      (verdict.kind === 'throttle' ? onThrottle : onTransient)?.(event);
      if (delayMs === undefined) {
        const what = verdict.kind === 'throttle' ? 'throttled' : 'failed transiently';
        throw new KmsThrottledError(
          `KMS ${operation} on key ${keyId} ${what} on all ${maxAttempts} attempts`,
          {
            keyId,
            cause: error,
            fix: 'sign once per batch (never per asset), lower the publish rate, or request a higher KMS cryptographic-operations quota',
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
