import type { VenueId } from '../../core/venues.js';
import type { SimResponse } from './simResponse.js';

export type VenueErrorKind = 'rateLimit' | 'serverError' | 'unknownSymbol' | 'badParam' | 'notFound';

/**
 * Each venue's documented error body and status for the errors the simulator serves.
 * Kraken and OKX/Bybit answer unknown symbols with HTTP 200 and an error body, like the real venues;
 * for injected rate limits every venue answers HTTP 429 so the client's Retry-After path is exercised.
 */
export function venueErrorResponse(
  venue: VenueId,
  kind: VenueErrorKind,
  nowMs: number,
  detail = '',
): SimResponse {
  switch (venue) {
    case 'binance': {
      const [status, code, msg] =
        kind === 'rateLimit'
          ? [429, -1003, 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute.']
          : kind === 'serverError'
            ? [500, -1000, 'An unknown error occurred while processing the request.']
            : kind === 'unknownSymbol'
              ? [400, -1121, 'Invalid symbol.']
              : kind === 'badParam'
                ? [400, -1100, `Illegal characters found in a parameter. ${detail}`.trim()]
                : [404, -1, 'Not found.'];
      return { status, body: { code, msg } };
    }
    case 'coinbase': {
      const [status, message] =
        kind === 'rateLimit'
          ? [429, 'Public rate limit exceeded']
          : kind === 'serverError'
            ? [500, 'Internal server error']
            : kind === 'unknownSymbol'
              ? [404, 'NotFound']
              : kind === 'badParam'
                ? [400, detail || 'Invalid parameter']
                : [404, 'NotFound'];
      return { status, body: { message } };
    }
    case 'kraken': {
      const [status, error] =
        kind === 'rateLimit'
          ? [429, 'EAPI:Rate limit exceeded']
          : kind === 'serverError'
            ? [500, 'EService:Unavailable']
            : kind === 'unknownSymbol'
              ? [200, 'EQuery:Unknown asset pair']
              : kind === 'badParam'
                ? [200, `EGeneral:Invalid arguments${detail ? `:${detail}` : ''}`]
                : [404, 'EGeneral:Unknown method'];
      return { status, body: { error: [error] } };
    }
    case 'okx': {
      const [status, code, msg] =
        kind === 'rateLimit'
          ? [429, '50011', 'Too Many Requests']
          : kind === 'serverError'
            ? [500, '50001', 'Service temporarily unavailable. Please try again later.']
            : kind === 'unknownSymbol'
              ? [200, '51001', 'Instrument ID does not exist']
              : kind === 'badParam'
                ? [400, '51000', `Parameter ${detail} error`]
                : [404, '50000', 'Not found'];
      return { status, body: { code, msg, data: [] } };
    }
    case 'bybit': {
      const [status, retCode, retMsg] =
        kind === 'rateLimit'
          ? [429, 10006, 'Too many visits!']
          : kind === 'serverError'
            ? [500, 10016, 'Internal server error.']
            : kind === 'unknownSymbol'
              ? [200, 10001, 'Not supported symbols']
              : kind === 'badParam'
                ? [200, 10001, `params error: ${detail}`]
                : [404, 10001, 'Not found'];
      return { status, body: { retCode, retMsg, result: {}, retExtInfo: {}, time: nowMs } };
    }
  }
}
