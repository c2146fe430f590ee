import { fullJitterBackoff } from '../../core/fullJitterBackoff.js';
import axios, { type AxiosResponse } from 'axios';
import { VenueApiError, VenueGeoBlockedError, VenueHttpError } from '../errors.js';
import type { VenueId } from '../../core/venues.js';
import { parseJsonText } from '../venues/parseJsonText.js';
import { VENUE_ADAPTERS } from '../venues/venueAdapters.js';
import type { VenueRequest } from '../venues/venueAdapter.js';
import { createLimiter, type Limiter } from './createLimiter.js';
import { parseRetryAfter } from './parseRetryAfter.js';
import { VENUE_HTTP_DEFAULTS, type VenueHttpOptions } from './venueHttpOptions.js';

export interface VenueGetParams {
  readonly venue: VenueId;
  /** Venue host, e.g. `https://api.binance.com` or `${simBaseUrl}/binance`. @default the adapter's public host */
  readonly baseUrl?: string;
  readonly request: VenueRequest;
  readonly options?: VenueHttpOptions;
  /** Receipt clock, ms UTC. @default Date.now */
  readonly clock?: () => number;
}

export interface VenueGetResult {
  readonly body: unknown;
  /** When the body arrived, per `clock`. */
  readonly receivedAt: number;
  readonly attempts: number;
}

// One limiter per (venue, host): venues rate-limit per IP, so every caller in the process shares it.
const limiters = new Map<string, Limiter>();
function limiterFor(key: string, concurrency: number, minIntervalMs: number): Limiter {
  const full = `${key}#${concurrency}#${minIntervalMs}`;
  let limiter = limiters.get(full);
  if (limiter === undefined) {
    limiter = createLimiter(concurrency, minIntervalMs);
    limiters.set(full, limiter);
  }
  return limiter;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GET one venue endpoint with a deadline, bounded retries (429, 5xx, timeouts, resets) with full-jitter
 * exponential backoff that honours `Retry-After`, and a per-venue concurrency and request-rate limit.
 * 451/403 → `VenueGeoBlockedError` (never retried); other 4xx → `VenueApiError` from the venue's error
 * body, else `VenueHttpError`. A 2xx body that is not JSON → `VenueResponseError`.
 */
export async function venueGet({
  venue,
  baseUrl,
  request,
  options = {},
  clock = Date.now,
}: VenueGetParams): Promise<VenueGetResult> {
  const adapter = VENUE_ADAPTERS[venue];
  const host = (baseUrl ?? adapter.defaultBaseUrl).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? VENUE_HTTP_DEFAULTS.timeoutMs;
  const maxRetries = options.maxRetries ?? VENUE_HTTP_DEFAULTS.maxRetries;
  const backoffBaseMs = options.backoffBaseMs ?? VENUE_HTTP_DEFAULTS.backoffBaseMs;
  const maxBackoffMs = options.maxBackoffMs ?? VENUE_HTTP_DEFAULTS.maxBackoffMs;
  const random = options.random ?? Math.random;
  const backoff = (attempt: number): number =>
    fullJitterBackoff({ attempt, baseMs: backoffBaseMs, maxMs: maxBackoffMs, random });
  const limiter = limiterFor(
    `${venue}@${host}`,
    options.concurrency ?? VENUE_HTTP_DEFAULTS.concurrency,
    options.minIntervalMs ?? adapter.minRequestIntervalMs,
  );
  const endpoint = request.path;
  const url = `${host}${request.path}`;

  let lastProblem = '';
  let lastStatus: number | undefined;
  let lastCause: unknown;
  for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
    let response: AxiosResponse<string> | undefined;
    try {
      response = await limiter.run(() =>
        axios.get<string>(url, {
          params: request.params,
          timeout: timeoutMs,
          signal: AbortSignal.timeout(timeoutMs),
          responseType: 'text',
          transformResponse: [(data: unknown) => data],
          validateStatus: () => true,
          headers: { Accept: 'application/json', 'User-Agent': 'ballast-risk-oracle' },
          maxRedirects: 0,
        }),
      );
    } catch (error) {
      const code = (error as { code?: string }).code;
      const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED';
      lastProblem = timedOut
        ? `no response within ${timeoutMs} ms`
        : `network error ${code ?? String(error)}`;
      lastStatus = undefined;
      lastCause = error;
      if (attempt < maxRetries) await sleep(backoff(attempt));
      continue;
    }
    const receivedAt = clock();
    const status = response.status;
    const text = typeof response.data === 'string' ? response.data : String(response.data);
    if (status >= 200 && status < 300) {
      return { body: parseJsonText({ venue, endpoint, text }), receivedAt, attempts: attempt + 1 };
    }
    if (status === 451 || status === 403) {
      throw new VenueGeoBlockedError({
        venue,
        endpoint,
        status,
        region: options.region ?? process.env['AWS_REGION'],
      });
    }
    const venueError = (() => {
      try {
        return adapter.errorOf(JSON.parse(text) as unknown);
      } catch {
        return undefined;
      }
    })();
    const retryable = status === 429 || status === 418 || status >= 500;
    if (!retryable) {
      if (venueError !== undefined) {
        throw new VenueApiError({
          venue,
          endpoint,
          code: venueError.code,
          venueMessage: venueError.message,
          status,
        });
      }
      throw new VenueHttpError({
        venue,
        endpoint,
        status,
        retryable: false,
        attempts: attempt + 1,
        problem: `HTTP ${status}: ${text.slice(0, 120)}`,
      });
    }
    lastStatus = status;
    lastCause = undefined;
    lastProblem = `HTTP ${status}${venueError === undefined ? '' : ` (${venueError.code}: ${venueError.message})`}`;
    if (attempt >= maxRetries) break;
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], receivedAt);
    if (retryAfterMs !== undefined && retryAfterMs > maxBackoffMs) {
      throw new VenueHttpError({
        venue,
        endpoint,
        status,
        retryable: true,
        attempts: attempt + 1,
        problem: `${lastProblem}, Retry-After ${retryAfterMs} ms exceeds maxBackoffMs ${maxBackoffMs}; not waiting that long within a cycle`,
      });
    }
    await sleep(retryAfterMs ?? backoff(attempt));
  }
  throw new VenueHttpError({
    venue,
    endpoint,
    ...(lastStatus === undefined ? {} : { status: lastStatus }),
    retryable: true,
    attempts: maxRetries + 1,
    problem: lastProblem,
    cause: lastCause,
  });
}
