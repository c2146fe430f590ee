import type { Candle, OrderBook, Ticker } from '../../core/types.js';
import type { VenueId } from '../../core/venues.js';
import type { VenueErrorBody } from './venueErrorBody.js';

/** Context of a parse: when the body was received (ms UTC), used when the venue sends no timestamp. */
export interface ParseContext {
  readonly receivedAt: number;
}

/** One GET request against a venue, relative to its base URL. */
export interface VenueRequest {
  /** Path on the venue host, e.g. `/api/v3/depth`. Also the `endpoint` named in errors. */
  readonly path: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** One page of candle history: candles opening in `[endMs − hours·1h, endMs)`. */
export interface CandlePageRequest {
  readonly request: VenueRequest;
  /** Hours this page covers; the pager steps back by this much. */
  readonly hours: number;
}

/**
 * Everything Ballast knows about one venue's public REST API: how to ask (pure request builders)
 * and how to read the answer (pure parsers). The HTTP layer (`shared/market/http`) is generic.
 */
export interface VenueAdapter {
  readonly id: VenueId;
  /** Public REST host. @default per venue, e.g. `https://api.binance.com` */
  readonly defaultBaseUrl: string;
  /** Most book levels per side the venue serves in one request. */
  readonly maxBookDepth: number;
  /** True when the book body carries the venue's own timestamp (else receipt time is used). */
  readonly bookHasVenueTime: boolean;
  /** True when the ticker body carries the venue's own timestamp. */
  readonly tickerHasVenueTime: boolean;
  /** Least time between request starts, ms, to stay inside the venue's public rate limit. */
  readonly minRequestIntervalMs: number;
  /** Deepest hourly history the venue serves, in hours (Kraken: 720). */
  readonly maxCandleHistoryHours: number;
  orderBookRequest(params: { symbol: string; depth: number }): VenueRequest;
  tickerRequest(params: { symbol: string }): VenueRequest;
  /** The page of hourly candles opening before `endMs` (ms UTC, hour-aligned). */
  candlePageRequest(params: { symbol: string; endMs: number; nowMs: number }): CandlePageRequest;
  parseOrderBook(body: unknown, ctx: ParseContext): OrderBook;
  /** Ascending by open time. */
  parseCandles(body: unknown, ctx: ParseContext): Candle[];
  parseTicker(body: unknown, ctx: ParseContext): Ticker;
  /** The venue's error body, if `body` is one. */
  errorOf(body: unknown): VenueErrorBody | undefined;
}
