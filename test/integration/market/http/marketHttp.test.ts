import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  VenueApiError,
  VenueGeoBlockedError,
  VenueHttpError,
  VenueResponseError,
} from '../../../../shared/market/errors.js';
import { venueGet } from '../../../../shared/market/http/venueGet.js';

// A scripted loopback server: each test queues the responses the "venue" gives, in order.
type Step = (req: IncomingMessage, res: ServerResponse) => void;
let script: Step[] = [];
let seen: { at: number; url: string }[] = [];
let inFlight = 0;
let maxInFlight = 0;
let server: Server;
let baseUrl = '';
const sockets = new Set<Socket>();

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
const hang: Step = () => {};
const okBody = { lastUpdateId: 1, bids: [['1', '1']], asks: [['2', '1']] };
const request = { path: '/api/v3/depth', params: { symbol: 'BTCUSDT', limit: 5 } };
const fast = { backoffBaseMs: 5, random: () => 0.5, minIntervalMs: 0 };

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ at: Date.now(), url: req.url ?? '' });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const step = script.shift() ?? json(200, okBody);
    step(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  script = [];
  seen = [];
  maxInFlight = 0;
});

describe('venueGet resilience', () => {
  it('returns the parsed body with query parameters sent', async () => {
    const r = await venueGet({ venue: 'binance', baseUrl, request, options: fast });
    expect(r.body).toEqual(okBody);
    expect(r.attempts).toBe(1);
    expect(seen[0]!.url).toBe('/api/v3/depth?symbol=BTCUSDT&limit=5');
  });

  it('retries a 500 and succeeds', async () => {
    script = [json(500, { code: -1000, msg: 'An unknown error occurred' })];
    const r = await venueGet({ venue: 'binance', baseUrl, request, options: fast });
    expect(r.attempts).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('gives up after maxRetries with a retryable VenueHttpError carrying the venue error', async () => {
    script = [0, 1, 2].map(() => json(503, { code: -1000, msg: 'busy' }));
    const error = await venueGet({
      venue: 'binance',
      baseUrl,
      request,
      options: { ...fast, maxRetries: 2 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueHttpError);
    expect((error as VenueHttpError).attempts).toBe(3);
    expect((error as VenueHttpError).status).toBe(503);
    expect((error as VenueHttpError).retryable).toBe(true);
    expect((error as Error).message).toMatch(
      /binance \/api\/v3\/depth: HTTP 503 \(-1000: busy\) after 3 attempt/,
    );
    expect(seen).toHaveLength(3);
  });

  it('honours Retry-After on 429 before retrying', async () => {
    script = [json(429, { code: -1003, msg: 'Too many requests' }, { 'retry-after': '1' })];
    const r = await venueGet({ venue: 'binance', baseUrl, request, options: fast });
    expect(r.attempts).toBe(2);
    // The second request may not come before the venue allowed it (1 s; timers never fire early by more than 1 ms).
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(999);
  });

  it('does not wait for a Retry-After beyond maxBackoffMs: fails at once', async () => {
    script = [json(429, { code: '50011', msg: 'Too Many Requests', data: [] }, { 'retry-after': '120' })];
    const error = await venueGet({ venue: 'okx', baseUrl, request, options: fast }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueHttpError);
    expect((error as Error).message).toContain('Retry-After 120000 ms exceeds maxBackoffMs 5000');
    expect(seen).toHaveLength(1);
  });

  it.each([451, 403])(
    'reports HTTP %i as a geo-block naming venue and region, without retrying',
    async (status) => {
      script = [json(status, '<html>blocked</html>')];
      const error = await venueGet({
        venue: 'bybit',
        baseUrl,
        request,
        options: { ...fast, region: 'us-east-1' },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VenueGeoBlockedError);
      expect((error as Error).message).toMatch(
        /^bybit refused .* HTTP \d+: the venue blocks requests from this location \(AWS region us-east-1\)/,
      );
      expect(seen).toHaveLength(1);
    },
  );

  it('turns a 4xx venue error body into VenueApiError without retrying', async () => {
    script = [json(400, { code: -1121, msg: 'Invalid symbol.' })];
    const error = await venueGet({ venue: 'binance', baseUrl, request, options: fast }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VenueApiError);
    expect((error as VenueApiError).code).toBe('-1121');
    expect((error as VenueApiError).status).toBe(400);
    expect(seen).toHaveLength(1);
  });

  it('times out a hung request, retries, then fails with the deadline in the message', async () => {
    script = [hang, hang];
    const error = await venueGet({
      venue: 'kraken',
      baseUrl,
      request,
      options: { ...fast, timeoutMs: 150, maxRetries: 1 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueHttpError);
    expect((error as Error).message).toContain('no response within 150 ms after 2 attempt');
    expect(seen).toHaveLength(2);
  });

  it('reports a truncated 200 body as VenueResponseError', async () => {
    script = [json(200, JSON.stringify(okBody).slice(0, 20))];
    await expect(venueGet({ venue: 'binance', baseUrl, request, options: fast })).rejects.toThrow(
      VenueResponseError,
    );
  });

  it('keeps at most `concurrency` requests in flight per venue', async () => {
    const slow: Step = (_req, res) => setTimeout(() => json(200, okBody)(_req, res), 30);
    script = Array.from({ length: 8 }, () => slow);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        venueGet({ venue: 'coinbase', baseUrl, request, options: { ...fast, concurrency: 2 } }),
      ),
    );
    expect(results).toHaveLength(8);
    expect(maxInFlight).toBe(2);
  });
});
