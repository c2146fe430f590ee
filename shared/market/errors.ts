import { BallastError } from '../errors/BallastError.js';
import type { VenueId } from '../core/venues.js';

/**
 * Base class of every market-data error. Carries the venue and the endpoint (request path) so a
 * log line or an excluded-venue reason always says where the failure came from.
 */
export class MarketDataError extends BallastError {
  override name = 'MarketDataError';
  readonly venue: VenueId;
  readonly endpoint: string;
  constructor(params: { venue: VenueId; endpoint: string; message: string; cause?: unknown }) {
    super(params.message, params.cause === undefined ? undefined : { cause: params.cause });
    this.venue = params.venue;
    this.endpoint = params.endpoint;
  }
}

/**
 * The venue answered, but the body is not what its API documents (invalid JSON, a missing field, a
 * price that is not a decimal string…). `field` is the JSON path of the first offending value.
 */
export class VenueResponseError extends MarketDataError {
  override name = 'VenueResponseError';
  /** JSON path of the offending value, e.g. `bids[3][0]`; `$` for the whole body. */
  readonly field: string;
  constructor(params: { venue: VenueId; endpoint: string; field: string; problem: string; cause?: unknown }) {
    super({
      venue: params.venue,
      endpoint: params.endpoint,
      message:
        `${params.venue} ${params.endpoint}: invalid response at ${params.field}: ${params.problem}. ` +
        `The body does not match the venue's documented format; check the symbol and endpoint, or report a venue API change.`,
      cause: params.cause,
    });
    this.field = params.field;
  }
}

/** The venue answered with its own error body (Binance `{code,msg}`, Kraken `{error:[…]}`…). */
export class VenueApiError extends MarketDataError {
  override name = 'VenueApiError';
  /** The venue's own error code, as a string (`-1121`, `51001`, `EQuery:Unknown asset pair`…). */
  readonly code: string;
  readonly venueMessage: string;
  /** HTTP status, when the error came over HTTP. */
  readonly status: number | undefined;
  constructor(params: {
    venue: VenueId;
    endpoint: string;
    code: string;
    venueMessage: string;
    status?: number;
  }) {
    super({
      venue: params.venue,
      endpoint: params.endpoint,
      message:
        `${params.venue} ${params.endpoint} returned error ${params.code}: ${params.venueMessage}` +
        (params.status === undefined ? '' : ` (HTTP ${params.status})`) +
        `. Check the market symbol in the asset config.`,
    });
    this.code = params.code;
    this.venueMessage = params.venueMessage;
    this.status = params.status;
  }
}

/** A transport failure: HTTP status without a usable body, timeout, connection refused. */
export class VenueHttpError extends MarketDataError {
  override name = 'VenueHttpError';
  /** HTTP status, or undefined for timeouts and network errors. */
  readonly status: number | undefined;
  /** True for 429, 5xx, timeouts and resets: a later attempt may succeed. */
  readonly retryable: boolean;
  /** Attempts made, including the first. */
  readonly attempts: number;
  constructor(params: {
    venue: VenueId;
    endpoint: string;
    status?: number;
    retryable: boolean;
    attempts: number;
    problem: string;
    cause?: unknown;
  }) {
    super({
      venue: params.venue,
      endpoint: params.endpoint,
      message: `${params.venue} ${params.endpoint}: ${params.problem} after ${params.attempts} attempt(s)`,
      cause: params.cause,
    });
    this.status = params.status;
    this.retryable = params.retryable;
    this.attempts = params.attempts;
  }
}

/**
 * HTTP 451 or 403: the venue refuses requests from this location. Never retried. The message
 * names the region so the operator can move the collector (see docs on venue regions).
 */
export class VenueGeoBlockedError extends MarketDataError {
  override name = 'VenueGeoBlockedError';
  readonly status: number;
  readonly region: string | undefined;
  constructor(params: { venue: VenueId; endpoint: string; status: number; region: string | undefined }) {
    super({
      venue: params.venue,
      endpoint: params.endpoint,
      message:
        `${params.venue} refused ${params.endpoint} with HTTP ${params.status}: the venue blocks requests from this location` +
        (params.region === undefined ? '' : ` (AWS region ${params.region})`) +
        `. Run the collector in a region the venue serves (e.g. eu-central-1 or eu-west-1; Binance, Bybit and OKX refuse US regions) or remove ${params.venue} from the asset's venues.`,
    });
    this.status = params.status;
    this.region = params.region;
  }
}

/** The implied-volatility index could not be read (network, HTTP, error body, or a body off its schema). */
export class ImpliedVolError extends BallastError {
  override name = 'ImpliedVolError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, {
      ...options,
      fix: 'implied volatility is a monitored input only: the cycle goes on without it; check the Deribit endpoint or the simulator route',
    });
  }
}
