import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { assetsConfigSchema, type AssetsConfig } from '../../config/assetsConfig.js';
import { VENUE_IDS, type VenueId } from '../../core/venues.js';
import { LOOPBACK } from '../freePort.js';
import { createPriceSource, type PriceSource } from './createPriceSource.js';
import { EXCHANGE_FAULT_KINDS, type ExchangeFault, type ExchangeFaultOptions } from './exchangeFault.js';
import { DERIBIT_DVOL_SIM_PATH, renderDeribitDvol } from './renderDeribitDvol.js';
import { renderVenueResponse } from './renderVenueResponse.js';
import { venueErrorResponse } from './venueErrorResponse.js';
import { venueMarketView, type VenueMarketView } from './venueMarketView.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import type { PriceShock } from './priceShock.js';
import { simClock, type SimClock } from './simClock.js';
import { VENUE_MODES, venueModeFault, type VenueMode } from './venueModeFault.js';

export interface StartExchangeSimulatorParams {
  /** Seed of the simulated paths, venue basis and books. @default 1 */
  readonly seed?: number;
  /**
   * Folder of `<ASSET>_USDT-1h.csv` real candles (e.g. `../shared/data/ohlcv`): replayed when present,
   * else a seeded regime-switching simulation. @default undefined (simulate)
   */
  readonly dataDir?: string;
  /** Assets and venue symbols served. @default shared/config/assets.default.json */
  readonly assets?: AssetsConfig;
  /** Clock, ms UTC. @default Date.now */
  readonly now?: () => number;
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /**
   * Replay: the simulated clock starts here (ms UTC) and candles are served as recorded (not shifted
   * to the current hour); books thin out as volatility rises. `POST /sim/clock` moves it on.
   */
  readonly replayFromMs?: number;
}

export interface ExchangeSimulator {
  /** `http://127.0.0.1:<port>`; venue `v` lives under `${baseUrl}/${v}`. */
  readonly baseUrl: string;
  readonly port: number;
  /** Injects a fault on every endpoint of one venue, or clears it with null. */
  setFault(venue: VenueId, fault: ExchangeFault | null): void;
  /** The simulated clock (real time unless replaying or moved by `POST /sim/clock`). */
  readonly clock: SimClock;
  /** Closes the server and every open (including hung) connection. */
  stop(): Promise<void>;
}

/** Market 2%-depth across all venues, as a multiple of the asset's liquidation size: `Q` sells into ~1/8 of it. */
const DEPTH_MULTIPLE_OF_Q = 8;

function defaultAssets(): AssetsConfig {
  return assetsConfigSchema.parse(JSON.parse(readFileSync(DEFAULT_ASSETS_CONFIG_FILE, 'utf8')));
}

/**
 * Starts the exchange simulator: a node:http server on 127.0.0.1 serving the public REST market-data
 * endpoints of Binance, Coinbase, Kraken, OKX and Bybit under `/<venue>/…` for every market in the
 * asset config, with the venues' real JSON shapes and error bodies. `GET /health` answers `{ok:true}`.
 *
 * Control (127.0.0.1 only, JSON bodies; what `ballast sim` calls): `GET /sim/status`,
 * `POST /sim/venue/<venue>` `{mode, amount?}`, `POST /sim/shock` `{asset, pct, overMs?}`,
 * `POST /sim/reset`, `POST /sim/clock` `{nowMs}`. Errors are HTTP 400 `{error}`.
 *
 * Prices: one path per asset (replayed real candles time-shifted so the last closes at the current
 * hour, or simulated), each venue at a seeded ±1 bp basis, books generated around its mid.
 * Starts in a few ms; CSVs are read on an asset's first request.
 */
export async function startExchangeSimulator(
  params: StartExchangeSimulatorParams = {},
): Promise<ExchangeSimulator> {
  const seed = params.seed ?? 1;
  const clock = simClock(params.now ?? Date.now, params.replayFromMs);
  const now = clock.now;
  const shocks = new Map<string, PriceShock[]>();
  const assets = params.assets ?? defaultAssets();
  const faults = new Map<VenueId, ExchangeFaultOptions>();
  const sources = new Map<string, PriceSource>();
  /** The asset's price source, created on first use and shared by every venue and the DVOL route. */
  const sourceFor = (asset: string): PriceSource => {
    let source = sources.get(asset);
    if (source === undefined) {
      source = createPriceSource({
        asset,
        seed,
        ...(params.dataDir === undefined ? {} : { dataDir: params.dataDir }),
      });
      sources.set(asset, source);
    }
    return source;
  };
  // venue → venue symbol → asset
  const symbols = new Map<VenueId, Map<string, string>>();
  for (const venue of VENUE_IDS) symbols.set(venue, new Map());
  for (const [asset, config] of Object.entries(assets.assets)) {
    for (const market of config.venues) symbols.get(market.venue)!.set(market.symbol, asset);
  }
  let sequence = 1_000_000;
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/health') {
      send(res, 200, JSON.stringify({ ok: true, venues: VENUE_IDS }));
      return;
    }
    if (url.pathname === DERIBIT_DVOL_SIM_PATH && req.method === 'GET') {
      // Implied volatility (docs/methodology.md §3.7), from the replayed or simulated candles.
      const r = renderDeribitDvol({
        query: url.searchParams,
        candlesFor: (asset) => {
          if (assets.assets[asset] === undefined) return undefined;
          return sourceFor(asset).candlesAt(now());
        },
      });
      send(res, r.status, JSON.stringify(r.body));
      return;
    }
    if (url.pathname.startsWith('/sim/')) {
      void control(req.method ?? 'GET', url.pathname, req)
        .then((body) => send(res, 200, JSON.stringify(body)))
        .catch((error: unknown) => send(res, 400, JSON.stringify({ error: (error as Error).message })));
      return;
    }
    const match = /^\/([a-z]+)(\/.*)$/.exec(url.pathname);
    const venue = VENUE_IDS.find((v) => v === match?.[1]);
    if (match === null || venue === undefined || req.method !== 'GET') {
      send(
        res,
        404,
        JSON.stringify({ message: `no venue at ${url.pathname}; use /<${VENUE_IDS.join('|')}>/…` }),
      );
      return;
    }
    const nowMs = now();
    const fault = faults.get(venue);
    if (fault?.kind === 'timeout') return; // hang: the socket stays open until the client gives up or stop()
    if (fault?.kind === 'slow') {
      setTimeout(() => answer(res, venue, match[2]!, url, nowMs, undefined), fault.delayMs ?? 2_000);
      return;
    }
    answer(res, venue, match[2]!, url, nowMs, fault);
  });

  const answer = (
    res: ServerResponse,
    venue: VenueId,
    path: string,
    url: URL,
    nowMs: number,
    fault: ExchangeFaultOptions | undefined,
  ): void => {
    if (fault?.kind === 'rateLimit') {
      const r = venueErrorResponse(venue, 'rateLimit', nowMs);
      send(res, r.status, JSON.stringify(r.body), { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
      return;
    }
    if (fault?.kind === 'serverError') {
      const r = venueErrorResponse(venue, 'serverError', nowMs);
      send(res, r.status, JSON.stringify(r.body));
      return;
    }
    sequence += 1;
    const viewFor = (symbol: string): VenueMarketView | undefined => {
      const asset = symbols.get(venue)!.get(symbol);
      if (asset === undefined) return undefined;
      const source = sourceFor(asset);
      return venueMarketView({
        seed,
        asset,
        venue,
        source,
        nowMs,
        marketDepth2PctUsd: DEPTH_MULTIPLE_OF_Q * assets.assets[asset]!.liquidationSizeUsd,
        fault,
        asRecorded: clock.moved(),
        shocks: shocks.get(asset) ?? [],
      });
    };
    let rendered;
    try {
      rendered = renderVenueResponse({
        venue,
        path,
        query: url.searchParams,
        nowMs,
        viewFor,
        sequence,
      });
    } catch (error) {
      send(res, 500, JSON.stringify({ message: `simulator error: ${(error as Error).message}` }));
      return;
    }
    const text = JSON.stringify(rendered.body);
    const body =
      fault?.kind === 'truncatedJson' && rendered.status === 200
        ? text.slice(0, Math.floor(text.length / 2))
        : text;
    if (!res.destroyed) send(res, rendered.status, body, { ...rendered.headers });
  };

  const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    if (text.trim() === '') return {};
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('the body must be a JSON object');
    return value as Record<string, unknown>;
  };

  const status = () => ({
    clock: { nowMs: clock.now(), iso: new Date(clock.now()).toISOString(), replay: clock.moved() },
    venues: Object.fromEntries(VENUE_IDS.map((v) => [v, faults.get(v) ?? null])),
    shocks: Object.fromEntries(shocks),
    sources: Object.fromEntries([...sources].map(([asset, source]) => [asset, source.kind])),
  });

  const control = async (method: string, path: string, req: IncomingMessage): Promise<unknown> => {
    if (method === 'GET' && path === '/sim/status') return status();
    if (method !== 'POST') throw new Error(`${method} ${path}: use GET /sim/status or POST`);
    const body = await readBody(req);
    if (path === '/sim/reset') {
      faults.clear();
      shocks.clear();
      return status();
    }
    if (path === '/sim/clock') {
      const nowMs = body.nowMs;
      if (typeof nowMs !== 'number' || !Number.isFinite(nowMs))
        throw new Error(`nowMs: ${JSON.stringify(nowMs)} is not a time; expected ms since 1970`);
      clock.set(nowMs);
      return status();
    }
    if (path === '/sim/shock') {
      const { asset, pct, overMs = 0 } = body;
      if (typeof asset !== 'string' || assets.assets[asset] === undefined)
        throw new Error(
          `asset: ${JSON.stringify(asset)} is not served; allowed: ${Object.keys(assets.assets).join(', ')}`,
        );
      if (typeof pct !== 'number' || !(pct > -1 && pct <= 10))
        throw new Error(
          `pct: ${JSON.stringify(pct)} is not allowed; expected a fraction above -1, e.g. -0.2`,
        );
      if (typeof overMs !== 'number' || !(overMs >= 0))
        throw new Error(`overMs: ${JSON.stringify(overMs)} is not allowed; expected ms >= 0`);
      // Shocks compound: a second one moves the price from where the first left it.
      shocks.set(asset, [...(shocks.get(asset) ?? []), { pct, startMs: clock.now(), overMs }]);
      return status();
    }
    const venueMatch = /^\/sim\/venue\/([a-z]+)$/.exec(path);
    if (venueMatch !== null) {
      const venue = VENUE_IDS.find((v) => v === venueMatch[1]);
      if (venue === undefined)
        throw new Error(`venue: "${venueMatch[1]}" is not a venue; allowed: ${VENUE_IDS.join(', ')}`);
      const mode = body.mode;
      if (!VENUE_MODES.includes(mode as VenueMode))
        throw new Error(
          `mode: ${JSON.stringify(mode)} is not allowed; expected one of ${VENUE_MODES.join(', ')}`,
        );
      const amount = body.amount;
      if (amount !== undefined && (typeof amount !== 'number' || !(amount >= 0)))
        throw new Error(`amount: ${JSON.stringify(amount)} is not allowed; expected a number >= 0`);
      const fault = venueModeFault(mode as VenueMode, amount as number | undefined);
      if (fault === null) faults.delete(venue);
      else faults.set(venue, fault);
      return status();
    }
    throw new Error(
      `no control at ${path}; use /sim/status, /sim/venue/<venue>, /sim/shock, /sim/reset, /sim/clock`,
    );
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(params.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('exchange simulator: could not read its port');
  const port = address.port;
  return {
    baseUrl: `http://${LOOPBACK}:${port}`,
    port,
    clock,
    setFault(venue, fault) {
      if (!VENUE_IDS.includes(venue)) {
        throw new RangeError(
          `setFault: unknown venue ${JSON.stringify(venue)}; allowed: ${VENUE_IDS.join(', ')}`,
        );
      }
      if (fault === null) {
        faults.delete(venue);
        return;
      }
      const options = typeof fault === 'string' ? { kind: fault } : fault;
      if (!EXCHANGE_FAULT_KINDS.includes(options.kind)) {
        throw new RangeError(
          `setFault: unknown fault ${JSON.stringify(options.kind)}; allowed: ${EXCHANGE_FAULT_KINDS.join(', ')}`,
        );
      }
      faults.set(venue, options);
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
