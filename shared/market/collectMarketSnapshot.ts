import type { AssetConfig } from '../config/assetsConfig.js';
import { DEFAULTS } from '../config/defaults.js';
import { consolidateLevels } from './aggregate/consolidateLevels.js';
import { depthWithin } from '../core/depthWithin.js';
import { median } from './aggregate/median.js';
import { referenceCandles } from './aggregate/referenceCandles.js';
import { selectReferencePrice, type VenueQuote } from './aggregate/selectReferencePrice.js';
import { fetchVenueCandles } from './fetchVenueCandles.js';
import { DERIBIT_DVOL } from './impliedVol/deribitDvolSchema.js';
import { fetchImpliedVol } from './impliedVol/fetchImpliedVol.js';
import { fetchVenueOrderBook } from './fetchVenueOrderBook.js';
import { fetchVenueTicker } from './fetchVenueTicker.js';
import type { VenueHttpOptions } from './http/venueHttpOptions.js';
import { MARKET_DEFAULTS } from './marketDefaults.js';
import { sellSlippage } from '../core/sellSlippage.js';
import { QUOTE_CURRENCIES, type QuoteCurrency, type VenueId } from '../core/venues.js';
import type { Candle, OrderBook } from '../core/types.js';
import type { MarketSnapshot, VenueStatus } from './types.js';
import { VENUE_ADAPTERS } from './venues/venueAdapters.js';

export interface CollectMarketSnapshotParams {
  readonly asset: string;
  readonly config: AssetConfig;
  /** Base URL per venue; wins over `simBaseUrl`. @default each venue's public host */
  readonly baseUrls?: Partial<Record<VenueId, string>>;
  /** Exchange simulator root: venue `v` is then served at `${simBaseUrl}/${v}`. */
  readonly simBaseUrl?: string;
  /** Collection time, ms UTC. Receipt times are `now` plus the elapsed wall time. */
  readonly now: number;
  /** Days of hourly candles; 0 skips candles. @default 200 */
  readonly historyDays?: number;
  /** Levels per side requested. @default 5000 */
  readonly bookDepth?: number;
  /** Cycle period, s; staleness limit is `maxAgeCycles` of them. @default 300 */
  readonly cyclePeriodSeconds?: number;
  /** Staleness limit, ms. @default DEFAULTS.maxAgeCycles × cyclePeriodSeconds × 1000 */
  readonly maxAgeMs?: number;
  /**
   * USD per unit of each quote currency. @default 1 for USD, USDT and USDC. Stablecoins are
   * converted at the configured rate and checked against the venues quoting in USD (depeg guard).
   */
  readonly quoteRates?: Partial<Record<QuoteCurrency, number>>;
  /** @default 0.01 */
  readonly depegTolerance?: number;
  /**
   * HTTP settings for all venues. With `simBaseUrl`, `minIntervalMs` defaults to 0: the simulator
   * has no rate limit to respect.
   */
  readonly http?: VenueHttpOptions;
  /** HTTP settings per venue, merged over `http`. */
  readonly httpByVenue?: Partial<Record<VenueId, VenueHttpOptions>>;
  /**
   * Where to read implied volatility (Deribit DVOL, BTC and ETH). @default the simulator's `/deribit`
   * with `simBaseUrl`; Deribit's public host in live mode (no `baseUrls`); otherwise not collected.
   * `false` turns it off.
   */
  readonly impliedVolBaseUrl?: string | false;
}

const errorText = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

/**
 * One collection cycle for one asset (docs/methodology.md §1, §2, §5): every configured venue's book, ticker and
 * hourly candles in parallel; venue mids in USD; reference price by median with outlier, staleness,
 * crossed/empty-book rejection and quorum; consolidated USD bid book of the accepted venues; depth
 * within 2%; slippage of `liquidationSizeUsd`; reference candles. A venue failing is recorded in
 * `venues` and `reasons`, never thrown: the call only rejects on a programming error.
 */
export async function collectMarketSnapshot(params: CollectMarketSnapshotParams): Promise<MarketSnapshot> {
  const { asset, config, now } = params;
  const t0 = Date.now();
  const clock = () => now + (Date.now() - t0);
  const ivBaseUrl =
    params.impliedVolBaseUrl !== undefined
      ? params.impliedVolBaseUrl
      : params.simBaseUrl !== undefined
        ? `${params.simBaseUrl.replace(/\/+$/, '')}/deribit`
        : params.baseUrls === undefined
          ? DERIBIT_DVOL.defaultBaseUrl
          : false;
  const impliedVolPromise =
    ivBaseUrl === false ? Promise.resolve(undefined) : fetchImpliedVol({ asset, now, baseUrl: ivBaseUrl });
  const historyHours = Math.round((params.historyDays ?? MARKET_DEFAULTS.historyDays) * 24);
  const cyclePeriodSeconds = params.cyclePeriodSeconds ?? DEFAULTS.cyclePeriodSeconds;
  const maxAgeMs = params.maxAgeMs ?? DEFAULTS.maxAgeCycles * cyclePeriodSeconds * 1000;
  const quoteRates = Object.fromEntries(
    QUOTE_CURRENCIES.map((q) => [q, params.quoteRates?.[q] ?? 1]),
  ) as Record<QuoteCurrency, number>;
  const baseUrlOf = (venue: VenueId) =>
    params.baseUrls?.[venue] ??
    (params.simBaseUrl === undefined ? undefined : `${params.simBaseUrl.replace(/\/+$/, '')}/${venue}`);

  // Phase 1: books and tickers of all venues at once, so the venues' quotes are as close in time as
  // possible (the median compares them). Phase 2: candle history, which is not time-critical.
  const common = config.venues.map((market) => {
    const baseUrl = baseUrlOf(market.venue);
    const http = {
      ...(params.simBaseUrl === undefined ? {} : { minIntervalMs: 0 }),
      ...params.http,
      ...params.httpByVenue?.[market.venue],
    };
    return {
      venue: market.venue,
      symbol: market.symbol,
      http,
      ...(baseUrl === undefined ? {} : { baseUrl }),
    };
  });
  const quotesFetched = await Promise.all(
    common.map((c) =>
      Promise.allSettled([
        fetchVenueOrderBook({ ...c, depth: params.bookDepth ?? MARKET_DEFAULTS.bookDepth, clock }),
        fetchVenueTicker({ ...c, clock }),
      ]),
    ),
  );
  const candlesFetched = await Promise.all(
    common.map((c) =>
      historyHours > 0
        ? fetchVenueCandles({ ...c, nowMs: now, historyHours }).then(
            (value) => ({ status: 'fulfilled', value }) as const,
            (reason: unknown) => ({ status: 'rejected', reason }) as const,
          )
        : Promise.resolve({ status: 'fulfilled', value: [] as Candle[] } as const),
    ),
  );
  const fetched = config.venues.map((market, i) => ({
    market,
    book: quotesFetched[i]![0],
    ticker: quotesFetched[i]![1],
    candles: candlesFetched[i]!,
  }));

  // Venue quotes in USD, and the freshness timestamp: the oldest venue-provided time of book and ticker.
  const quotes: VenueQuote[] = [];
  const books = new Map<VenueId, OrderBook>();
  const warnings = new Map<VenueId, string[]>();
  const fetchFailures = new Map<VenueId, string>();
  for (const { market, book, ticker, candles } of fetched) {
    const adapter = VENUE_ADAPTERS[market.venue];
    const notes: string[] = [];
    if (ticker.status === 'rejected') notes.push(`ticker: ${errorText(ticker.reason)}`);
    if (candles.status === 'rejected') notes.push(`candles: ${errorText(candles.reason)}`);
    warnings.set(market.venue, notes);
    if (book.status === 'rejected') {
      fetchFailures.set(market.venue, errorText(book.reason));
      continue;
    }
    books.set(market.venue, book.value);
    const times: number[] = [];
    if (adapter.bookHasVenueTime) times.push(book.value.ts);
    if (ticker.status === 'fulfilled' && adapter.tickerHasVenueTime) times.push(ticker.value.ts);
    if (times.length === 0) notes.push('freshness unverified: the venue sent no timestamp');
    const rate = quoteRates[market.quote];
    quotes.push({
      venue: market.venue,
      bestBid: book.value.bids[0] === undefined ? undefined : book.value.bids[0][0] * rate,
      bestAsk: book.value.asks[0] === undefined ? undefined : book.value.asks[0][0] * rate,
      ts: times.length === 0 ? book.value.ts : Math.min(...times),
    });
  }

  const required = Math.min(config.minVenues, config.venues.length);
  const selection = selectReferencePrice({
    quotes,
    nowMs: now,
    maxAgeMs,
    maxFutureSkewMs: MARKET_DEFAULTS.maxFutureSkewMs,
    maxDeviation: config.maxDeviation,
    minVenues: required,
  });
  const reasons: string[] = [];
  const exclusionReasons: string[] = [];
  let degraded = selection.degraded;

  // Depeg guard. Stablecoin quotes are converted at the configured rate (default 1). Each stablecoin
  // venue that passed the data checks is compared with the median mid of the USD venues; a depeg is
  // flagged when a strict majority of that stablecoin's venues sit beyond the tolerance on the same
  // side, so one manipulated venue cannot raise it and a real depeg (all venues move) does.
  const tolerance = params.depegTolerance ?? MARKET_DEFAULTS.depegTolerance;
  const validMids = new Map<VenueId, number>(selection.accepted.map((a) => [a.venue, a.mid]));
  for (const e of selection.excluded) {
    const q = quotes.find((x) => x.venue === e.venue);
    if (e.reason === 'outlier' && q?.bestBid !== undefined && q.bestAsk !== undefined) {
      validMids.set(e.venue, (q.bestBid + q.bestAsk) / 2);
    }
  }
  const quoteOf = (venue: VenueId) => config.venues.find((m) => m.venue === venue)!.quote;
  const usdMids = [...validMids].filter(([v]) => quoteOf(v) === 'USD').map(([, mid]) => mid);
  if (usdMids.length > 0) {
    const usdMedian = median(usdMids);
    for (const quote of QUOTE_CURRENCIES) {
      if (quote === 'USD') continue;
      const gaps = [...validMids].filter(([v]) => quoteOf(v) === quote).map(([, mid]) => mid / usdMedian - 1);
      if (gaps.length === 0) continue;
      const above = gaps.filter((g) => g > tolerance).length;
      const below = gaps.filter((g) => g < -tolerance).length;
      if (Math.max(above, below) * 2 > gaps.length) {
        degraded = true;
        reasons.push(
          `${quote} venues quote ${(median(gaps) * 100).toFixed(2)}% away from USD venues (tolerance ±${(tolerance * 100).toFixed(2)}%): ` +
            `${quote} may be off its peg; converting at ${quoteRates[quote]} USD per ${quote} is suspect`,
        );
      }
    }
  }

  const excludedBy = new Map(selection.excluded.map((e) => [e.venue, e]));
  const acceptedBy = new Map(selection.accepted.map((a) => [a.venue, a.mid]));
  const venues: VenueStatus[] = fetched.map(({ market, book, candles }) => {
    const venue = market.venue;
    const quote = quotes.find((q) => q.venue === venue);
    const failure = fetchFailures.get(venue);
    const exclusion = excludedBy.get(venue);
    const notes = warnings.get(venue) ?? [];
    const value = book.status === 'fulfilled' ? book.value : undefined;
    const bestBid = quote?.bestBid;
    const bestAsk = quote?.bestAsk;
    const status: VenueStatus = {
      venue,
      symbol: market.symbol,
      quote: market.quote,
      ok: acceptedBy.has(venue),
      ...(bestBid !== undefined && bestAsk !== undefined ? { mid: (bestBid + bestAsk) / 2 } : {}),
      ...(bestBid === undefined ? {} : { bestBid }),
      ...(bestAsk === undefined ? {} : { bestAsk }),
      ...(quote === undefined ? {} : { ts: quote.ts }),
      ...(value === undefined ? {} : { bidLevels: value.bids.length, askLevels: value.asks.length }),
      ...(candles.status === 'fulfilled' ? { candles: candles.value.length } : {}),
      ...(failure !== undefined
        ? { excludedReason: 'fetchFailed' as const, detail: failure }
        : exclusion !== undefined
          ? { excludedReason: exclusion.reason, detail: exclusion.detail }
          : {}),
      ...(notes.length === 0 ? {} : { warnings: notes }),
    };
    if (status.excludedReason !== undefined) {
      exclusionReasons.push(`${venue} excluded (${status.excludedReason}): ${status.detail ?? ''}`);
    }
    return status;
  });
  if (selection.accepted.length < required) {
    reasons.push(
      `quorum not met: ${selection.accepted.length} of ${config.venues.length} venues usable, ${required} required`,
    );
  }

  const accepted = config.venues.filter((m) => acceptedBy.has(m.venue));
  const bids = consolidateLevels({
    side: 'bids',
    books: accepted.map((m) => ({ levels: books.get(m.venue)!.bids, usdPerQuote: quoteRates[m.quote] })),
  });
  const asks = consolidateLevels({
    side: 'asks',
    books: accepted.map((m) => ({
      levels: books.get(m.venue)!.asks.slice(0, 1),
      usdPerQuote: quoteRates[m.quote],
    })),
  });
  const referencePrice = selection.referencePrice;
  if (referencePrice === null)
    reasons.push('no venue produced a usable price: no reference price this cycle');
  const candleSeries = fetched.flatMap(({ market, candles }) =>
    candles.status === 'fulfilled' && candles.value.length > 0
      ? [{ candles: candles.value, usdPerQuote: quoteRates[market.quote] }]
      : [],
  );
  const walk =
    referencePrice === null
      ? null
      : sellSlippage({ bids, referencePrice, sizeUsd: config.liquidationSizeUsd });
  const slip =
    walk === null
      ? null
      : {
          sizeUsd: config.liquidationSizeUsd,
          slippage: walk.slippage,
          vwap: walk.vwap,
          filledUsd: walk.filledUsd,
          exhausted: walk.exhausted,
        };
  const [iv] = await Promise.allSettled([impliedVolPromise]);
  return {
    asset,
    ts: now,
    referencePrice,
    bestBid: bids[0]?.[0] ?? null,
    bestAsk: asks[0]?.[0] ?? null,
    bids,
    depth2PctUsd:
      referencePrice === null ? 0 : depthWithin({ bids, referencePrice, band: DEFAULTS.depthBand }),
    slippage: slip,
    candles: referenceCandles({ series: candleSeries }),
    venues,
    quoteRates,
    quorum: { required, accepted: selection.accepted.length },
    degraded: degraded || referencePrice === null,
    reasons: [...exclusionReasons, ...reasons],
    ...(iv!.status === 'fulfilled'
      ? iv!.value === undefined
        ? {}
        : { impliedVol: iv!.value }
      : { impliedVolError: errorText(iv!.reason) }),
  };
}
