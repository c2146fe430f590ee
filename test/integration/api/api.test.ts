/**
 * The read API end to end: the real middy handler served over node:http on 127.0.0.1, against
 * DynamoDB Local with records computed by the real engine (computeStage) and publications signed
 * with a real key. Every response is checked against the OpenAPI document.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Wallet, id as keccakText } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../shared/api/ApiContext.js';
import { createApiHandler } from '../../../shared/api/createApiHandler.js';
import {
  LOCAL_API_MAX_BODY_BYTES,
  startLocalApiServer,
  type LocalApiServer,
} from '../../../shared/cli/startLocalApiServer.js';
import { validateApiResponse } from '../../fixtures/api/validateApiResponse.js';
import type { AssetsConfig } from '../../../shared/config/assetsConfig.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import { hashCanonical } from '../../../shared/risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../../../shared/risk/provenance/hashSchemeOf.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { getRiskRecord } from '../../../shared/store/getRiskRecord.js';
import { putRiskRecord } from '../../../shared/store/putRiskRecord.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { rawHttpRequest } from '../../fixtures/api/rawHttpRequest.js';
import { seedCycles } from '../../fixtures/api/seedCycles.js';

const START = Date.UTC(2026, 9, 1, 0, 0, 0);
/** Records bulk-written for the pagination tests (the issue asks for e.g. 1,000). */
const PAGED_RECORDS = 1_000;
const PAGED_ASSET = 'SOL';
const ORACLE = { chainId: 31337, address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const NOW = START + 40 * HOUR_MS;

let dynamodb: DynamoDbLocal | undefined;
let dynamo: DynamoClients;
let tables: TableNames;
let config: AssetsConfig;
let server: LocalApiServer | undefined;
let rounds: string[] = [];
let pagedTs: number[] = [];

interface Got {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** GETs a path and checks the body against the OpenAPI schema of `route` (undefined: no route matched). */
async function get(path: string, route: string | undefined, init: RequestInit = {}): Promise<Got> {
  const response = await fetch(`${server?.url}${path}`, init);
  const body = (await response.json()) as Record<string, unknown>;
  const problems = validateApiResponse({ route, statusCode: response.status, body });
  expect(problems, `${path} → ${response.status} does not match the OpenAPI document`).toEqual([]);
  return { status: response.status, headers: response.headers, body };
}

async function expectError(
  path: string,
  route: string | undefined,
  status: number,
  field?: string,
): Promise<string> {
  const { status: actual, body } = await get(path, route);
  const error = body.error as { status: number; code: string; message: string; field?: string };
  expect(actual, `${path}: ${error.message}`).toBe(status);
  expect(error.status).toBe(status);
  if (field !== undefined) {
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  }
  return error.message;
}

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  tables = tableNames(`api-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
  config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
  const wallet = Wallet.createRandom();
  // Stand-in digest until the contract client lands; the API serves what is stored either way.
  const seeded = await seedCycles({
    dynamo,
    tables,
    config,
    assets: ['BTC', 'ETH'],
    startTs: START,
    cycles: 6,
    // Volatility shocks in the newest candle of cycles 2, 4 and 5 (each candle is stored once).
    sigmas: [0.006, 0.006, 0.03, 0.006, 0.05, 0.08],
    degradedCycles: [3],
    publish: {
      oracle: ORACLE,
      wallet: new Wallet(wallet.privateKey),
      digest: (batch) =>
        keccakText(JSON.stringify(batch, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))),
    },
  });
  rounds = seeded.rounds;
  expect(rounds.length, 'the fixture publishes at least two rounds').toBeGreaterThanOrEqual(2);
  // Pagination fixture: clones of one real record under 1,000 keys (no head: the asset is known by config).
  const base = (await getRiskRecord(dynamo, tables, { asset: 'BTC', ts: START + 7_000 })).record;
  pagedTs = Array.from({ length: PAGED_RECORDS }, (_, i) => START + i * 60_000 + 13);
  for (let i = 0; i < pagedTs.length; i += 50) {
    await Promise.all(
      pagedTs.slice(i, i + 50).map((ts, j) =>
        putRiskRecord(
          dynamo,
          tables,
          { asset: PAGED_ASSET, ts },
          {
            ...base,
            asset: PAGED_ASSET,
            asOf: Math.floor(ts / HOUR_MS) * HOUR_MS,
            candidate: { ...base.candidate, volIndexBps: 1000 + i + j },
          },
        ),
      ),
    );
  }
  const context: ApiContext = { dynamo, tables, config, oracle: ORACLE, now: () => NOW };
  server = await startLocalApiServer({ handler: createApiHandler({ context }) });
});

afterAll(async () => {
  await server?.close();
  await dynamodb?.stop();
});

describe('GET /v1/assets and /v1/health', () => {
  it('lists configured assets with what is on-chain', async () => {
    const { status, body } = await get('/v1/assets', '/v1/assets');
    expect(status).toBe(200);
    const assets = body.assets as { asset: string; configured: boolean; onChain: { round: string } | null }[];
    expect(assets.map((a) => a.asset)).toEqual(Object.keys(config.assets).sort());
    expect(assets.find((a) => a.asset === 'BTC')?.onChain?.round).toBe(rounds.at(-1));
    expect(assets.find((a) => a.asset === 'XRP')?.onChain ?? null).toBeNull();
  });

  it('reports staleness per asset from the last published observation', async () => {
    const { status, body } = await get('/v1/health', '/v1/health');
    expect(status).toBe(200);
    const assets = body.assets as {
      asset: string;
      status: string;
      stalenessSeconds: number | null;
      lastPublishedObservationAt: string | null;
    }[];
    const btc = assets.find((a) => a.asset === 'BTC');
    expect(btc?.lastPublishedObservationAt).not.toBeNull();
    expect(btc?.stalenessSeconds).toBe(
      Math.floor((NOW - Date.parse(btc?.lastPublishedObservationAt ?? '')) / 1000),
    );
    expect(assets.find((a) => a.asset === 'XRP')?.status).toBe('noData');
    // Records but never published: stale, with the last cycle taken from the newest record.
    const sol = assets.find((a) => a.asset === PAGED_ASSET) as
      { status: string; lastCycleAt: string | null } | undefined;
    expect(sol?.status).toBe('stale');
    expect(Date.parse(sol?.lastCycleAt ?? '')).toBeGreaterThanOrEqual(pagedTs.at(-1) ?? Infinity);
    expect(body.status).toBe('noData');
  });

  it('sends CORS and security headers, JSON, and answers a preflight', async () => {
    const { headers } = await get('/v1/health', '/v1/health', {
      headers: { origin: 'https://governance.example' },
    });
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(headers.get('content-type')).toContain('application/json');
    const preflight = await fetch(`${server?.url}/v1/health`, {
      method: 'OPTIONS',
      headers: { origin: 'https://governance.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('GET /v1/assets/{asset}/parameters/latest', () => {
  it('returns the newest record, whole, equal to the stored one', async () => {
    const { status, body } = await get(
      '/v1/assets/ETH/parameters/latest',
      '/v1/assets/{asset}/parameters/latest',
    );
    expect(status).toBe(200);
    const stored = await getRiskRecord(dynamo, tables, { asset: 'ETH', ts: body.ts as number });
    expect(hashCanonical(body.record, hashSchemeOf(stored.record))).toBe(stored.recordHash);
    expect(body.ts).toBe(START + 5 * HOUR_MS + 7_000);
  });

  it('404s an unknown asset and a configured asset without records', async () => {
    await expectError(
      '/v1/assets/DOGE/parameters/latest',
      '/v1/assets/{asset}/parameters/latest',
      404,
      'asset',
    );
    const message = await expectError(
      '/v1/assets/XRP/parameters/latest',
      '/v1/assets/{asset}/parameters/latest',
      404,
    );
    expect(message).toContain('no risk record yet');
  });
});

describe('GET /v1/assets/{asset}/parameters (pagination)', () => {
  async function walk(query: string, limit: number): Promise<{ ts: number[]; pages: number }> {
    const ts: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/v1/assets/${PAGED_ASSET}/parameters?limit=${limit}${query}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const { status, body } = await get(path, '/v1/assets/{asset}/parameters');
      expect(status).toBe(200);
      const items = body.items as { ts: number }[];
      expect(items.length).toBeLessThanOrEqual(limit);
      ts.push(...items.map((item) => item.ts));
      cursor = body.nextCursor as string | null;
      pages += 1;
    } while (cursor !== null);
    return { ts, pages };
  }

  it('walks all 1,000 records in pages of 37: complete, in order, no duplicates, no empty last page', async () => {
    const { ts, pages } = await walk('', 37);
    expect(ts).toEqual(pagedTs);
    expect(new Set(ts).size).toBe(PAGED_RECORDS);
    expect(pages).toBe(Math.ceil(PAGED_RECORDS / 37));
  });

  it('walks with the largest page (500) and a time window given as ISO and as ms', async () => {
    expect((await walk('', 500)).ts).toEqual(pagedTs);
    const from = pagedTs[100] ?? 0;
    const to = pagedTs[799] ?? 0;
    const window = await walk(`&from=${new Date(from).toISOString()}&to=${to}`, 64);
    expect(window.ts).toEqual(pagedTs.slice(100, 800));
  });

  it('is stable while newer records are written between pages', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let extra = 0;
    const to = pagedTs.at(-1) ?? 0;
    do {
      const path: string = `/v1/assets/${PAGED_ASSET}/parameters?limit=100&to=${to}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const { body } = await get(path, '/v1/assets/{asset}/parameters');
      seen.push(...(body.items as { ts: number }[]).map((item) => item.ts));
      cursor = body.nextCursor as string | null;
      // A new cycle lands mid-walk, before the window's end, after the walk's position.
      const ts = (pagedTs[seen.length + 50] ?? to) + 1;
      if (cursor !== null && ts < to) {
        const base = (await getRiskRecord(dynamo, tables, { asset: PAGED_ASSET, ts: pagedTs[0] ?? 0 }))
          .record;
        await putRiskRecord(dynamo, tables, { asset: PAGED_ASSET, ts }, { ...base, asOf: base.asOf + extra });
        extra += 1;
      }
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((ts) => pagedTs.includes(ts))).toEqual(pagedTs);
    expect(seen.length).toBe(PAGED_RECORDS + extra);
  });

  it('answers 400 naming the parameter for every bad query', async () => {
    const route = '/v1/assets/{asset}/parameters';
    const base = `/v1/assets/${PAGED_ASSET}/parameters`;
    await expectError(`${base}?limit=0`, route, 400, 'limit');
    await expectError(`${base}?limit=501`, route, 400, 'limit');
    await expectError(`${base}?limit=ten`, route, 400, 'limit');
    await expectError(`${base}?from=yesterday`, route, 400, 'from');
    await expectError(`${base}?to=2026-10-01T00:00:00`, route, 400, 'to');
    await expectError(`${base}?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z`, route, 400, 'from');
    await expectError(`${base}?cursor=!!`, route, 400, 'cursor');
    await expectError(
      `${base}?cursor=${Buffer.from('{"asset":"BTC","ts":1}').toString('base64url')}`,
      route,
      400,
      'cursor',
    );
    await expectError(`${base}?form=2026-10-01`, route, 400, 'form');
    await expectError('/v1/assets/sol/parameters', route, 400, 'asset');
    await expectError('/v1/assets?limit=3', '/v1/assets', 400, 'limit');
  });

  it('404s an unknown asset', async () => {
    await expectError('/v1/assets/DOGE/parameters', '/v1/assets/{asset}/parameters', 404, 'asset');
  });
});

describe('GET /v1/rounds/{round}', () => {
  it('serves the audit bundle: signed batch, signatures, inputs whose hash matches, records, previous state', async () => {
    const round = rounds[1] ?? '';
    const { status, body } = await get(`/v1/rounds/${round}`, '/v1/rounds/{round}');
    expect(status).toBe(200);
    const publication = body.publication as {
      round: string;
      signatures: string[];
      assets: { asset: string }[];
    };
    expect(publication.round).toBe(round);
    expect(publication.signatures).toHaveLength(1);
    const assets = body.assets as {
      asset: string;
      inputs: { candles: unknown };
      snapshotInputsHash: string;
      record: { hashScheme?: string; inputsHash: string; previousHash: string | null };
      previous: { state: unknown } | null;
      config: unknown;
    }[];
    expect(assets.map((a) => a.asset)).toEqual(publication.assets.map((a) => a.asset));
    for (const asset of assets) {
      const scheme = hashSchemeOf(asset.record);
      expect(hashCanonical(asset.inputs, scheme)).toBe(asset.record.inputsHash);
      // The snapshot hashes its inputs without the candles (stored once per asset-hour).
      const { candles: _candles, ...withoutCandles } = asset.inputs;
      expect(asset.snapshotInputsHash).toBe(hashCanonical(withoutCandles, scheme));
      expect(asset.previous === null ? null : hashCanonical(asset.previous.state, scheme)).toBe(
        asset.record.previousHash,
      );
      expect(asset.config).not.toBeNull();
    }
  });

  it('400s a malformed round and 404s an unknown one', async () => {
    await expectError('/v1/rounds/abc', '/v1/rounds/{round}', 400, 'round');
    await expectError('/v1/rounds/0', '/v1/rounds/{round}', 400, 'round');
    await expectError('/v1/rounds/18446744073709551616', '/v1/rounds/{round}', 400, 'round');
    await expectError('/v1/rounds/999', '/v1/rounds/{round}', 404, 'round');
    await expectError('/v1/rounds/999/impact', '/v1/rounds/{round}/impact', 404, 'round');
  });

  it('503s when the API has no oracle configured', async () => {
    const handler = createApiHandler({ context: { dynamo, tables, config, now: () => NOW } });
    const local = await startLocalApiServer({ handler });
    try {
      const response = await fetch(`${local.url}/v1/rounds/1`);
      const body = (await response.json()) as { error: { code: string } };
      expect(response.status).toBe(503);
      expect(validateApiResponse({ route: '/v1/rounds/{round}', statusCode: 503, body })).toEqual([]);
      expect(body.error.code).toBe('notConfigured');
      const impact = await fetch(`${local.url}/v1/rounds/1/impact`);
      const impactBody = (await impact.json()) as { error: { code: string } };
      expect(impact.status).toBe(503);
      expect(
        validateApiResponse({ route: '/v1/rounds/{round}/impact', statusCode: 503, body: impactBody }),
      ).toEqual([]);
      expect(impactBody.error.code).toBe('notConfigured');
    } finally {
      await local.close();
    }
  });
});

describe('per target chain (docs/multi-chain.md)', () => {
  const CHAIN_B = { name: 'arbitrum', chainId: 31338, address: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0' };
  let multi: LocalApiServer | undefined;
  let marked: { ts: number; round: string };

  beforeAll(async () => {
    // One published BTC record, marked as the publishers of this version mark it: mined on the
    // first chain (block 12), refused by the second.
    const { items } = (await get('/v1/assets/BTC/parameters', '/v1/assets/{asset}/parameters')).body as {
      items: { ts: number; round: string | null }[];
    };
    const published = items.find((i) => i.round !== null) as { ts: number; round: string };
    marked = published;
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tables.parameters,
        Key: { asset: 'BTC', ts: published.ts },
        UpdateExpression: 'SET roundChainId = :a, #ra = #round, #ta = txHash, #ba = :block, #eb = :error',
        ExpressionAttributeNames: {
          '#round': 'round',
          '#ra': 'round@31337',
          '#ta': 'txHash@31337',
          '#ba': 'block@31337',
          '#eb': 'publishError@31338',
        },
        ExpressionAttributeValues: { ':a': 31337, ':block': 12, ':error': 'StepTooLarge: BTC lt' },
      }),
    );
    const context: ApiContext = {
      dynamo,
      tables,
      config,
      oracle: ORACLE,
      chains: [{ name: 'base', ...ORACLE }, CHAIN_B],
      now: () => NOW,
    };
    multi = await startLocalApiServer({ handler: createApiHandler({ context }) });
  });
  afterAll(async () => {
    await multi?.close();
  });

  async function getMulti(path: string, route: string): Promise<Got> {
    const response = await fetch(`${multi?.url}${path}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(validateApiResponse({ route, statusCode: response.status, body })).toEqual([]);
    return { status: response.status, headers: response.headers, body };
  }

  type ChainStatus = {
    chain: string;
    chainId: number;
    status: string;
    round: string | null;
    blockNumber: number | null;
    error: string | null;
  };

  it('history reports each record on every chain by default, or on the one `chain` names', async () => {
    const all = await getMulti('/v1/assets/BTC/parameters?limit=500', '/v1/assets/{asset}/parameters');
    expect((all.body.chains as { chainId: number }[]).map((c) => c.chainId)).toEqual([31337, 31338]);
    const item = (all.body.items as { ts: number; chains: ChainStatus[] }[]).find((i) => i.ts === marked.ts);
    expect(item?.chains).toEqual([
      {
        chain: 'base',
        chainId: 31337,
        status: 'published',
        round: marked.round,
        txHash: expect.any(String),
        blockNumber: 12,
        error: null,
      },
      {
        chain: 'arbitrum',
        chainId: 31338,
        status: 'failed',
        round: null,
        txHash: null,
        blockNumber: null,
        error: 'StepTooLarge: BTC lt',
      },
    ]);
    const onB = await getMulti(
      '/v1/assets/BTC/parameters?limit=500&chain=arbitrum',
      '/v1/assets/{asset}/parameters',
    );
    const itemB = (onB.body.items as { ts: number; chains: ChainStatus[] }[]).find((i) => i.ts === marked.ts);
    expect(itemB?.chains.map((c) => [c.chainId, c.status])).toEqual([[31338, 'failed']]);
    const latest = await getMulti(
      '/v1/assets/BTC/parameters/latest?chain=31337',
      '/v1/assets/{asset}/parameters/latest',
    );
    expect((latest.body.chains as ChainStatus[]).map((c) => c.chainId)).toEqual([31337]);
  });

  it('health lists each chain with its newest round and each asset there', async () => {
    const { body } = await getMulti('/v1/health', '/v1/health');
    const chains = body.chains as {
      chainId: number;
      lastRound: string | null;
      lastRoundStatus: string | null;
      assets: { asset: string; round: string }[];
    }[];
    expect(chains.map((c) => c.chainId)).toEqual([31337, 31338]);
    expect(chains[0]).toMatchObject({ lastRound: rounds.at(-1), lastRoundStatus: 'mined' });
    expect(chains[0]?.assets.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    expect(chains[1]).toMatchObject({ lastRound: null, lastRoundStatus: null, assets: [] });
  });

  it('a round is served for the chain `chain` names (default: the first)', async () => {
    expect((await getMulti('/v1/rounds/1', '/v1/rounds/{round}')).status).toBe(200);
    expect((await getMulti('/v1/rounds/1?chain=base', '/v1/rounds/{round}')).status).toBe(200);
    expect((await getMulti('/v1/rounds/1?chain=arbitrum', '/v1/rounds/{round}')).status).toBe(404);
  });

  it('400s an unknown or malformed chain, naming the field, the value and the chains allowed', async () => {
    for (const [path, route] of [
      ['/v1/assets/BTC/parameters?chain=optimism', '/v1/assets/{asset}/parameters'],
      ['/v1/assets/BTC/parameters/latest?chain=10', '/v1/assets/{asset}/parameters/latest'],
      ['/v1/health?chain=optimism', '/v1/health'],
      ['/v1/rounds/1?chain=10', '/v1/rounds/{round}'],
    ] as const) {
      const response = await fetch(`${multi?.url}${path}`);
      const body = (await response.json()) as { error: { status: number; field: string; message: string } };
      expect(validateApiResponse({ route, statusCode: response.status, body })).toEqual([]);
      expect(response.status, path).toBe(400);
      expect(body.error.field).toBe('chain');
      expect(body.error.message).toContain(
        'is not a chain of this stage; allowed: 31337 (base), 31338 (arbitrum)',
      );
    }
    const bad = await fetch(`${multi?.url}/v1/health?chain=${encodeURIComponent('Base Main')}`);
    const badBody = (await bad.json()) as { error: { field: string; message: string } };
    expect(bad.status).toBe(400);
    expect(badBody.error).toMatchObject({ field: 'chain' });
    expect(badBody.error.message).toContain('"Base Main" is not a chain; expected a chain id');
  });
});

describe('routing', () => {
  it('404s an unknown route and 405s a write, as JSON errors', async () => {
    await expectError('/v2/assets', undefined, 404);
    const response = await fetch(`${server?.url}/v1/assets`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(
      validateApiResponse({
        route: '/v1/assets',
        method: 'POST',
        statusCode: 405,
        body: await response.json(),
      }),
    ).toEqual([]);
  });

  it('answers HEAD like GET without a body, OPTIONS on a route 204, and other methods 405', async () => {
    const head = await fetch(`${server?.url}/v1/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await fetch(`${server?.url}/v1/assets`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,OPTIONS');
    const unrouted = await fetch(`${server?.url}/v1/nothing`, { method: 'OPTIONS' });
    expect(unrouted.status).toBe(404);
    expect(
      validateApiResponse({
        route: undefined,
        method: 'OPTIONS',
        statusCode: 404,
        body: await unrouted.json(),
      }),
    ).toEqual([]);
    const propfind = await rawHttpRequest(server?.url ?? '', 'PROPFIND', '/v1/health');
    expect(propfind.status).toBe(405);
    expect(
      validateApiResponse({
        route: '/v1/health',
        method: 'PROPFIND',
        statusCode: 405,
        body: JSON.parse(propfind.body),
      }),
    ).toEqual([]);
  });

  it('answers a request node cannot parse with a JSON 400 and an oversized body with a JSON 413', async () => {
    const malformed = await rawHttpRequest(server?.url ?? '', 'GET', '/v1/he alth');
    expect(malformed.status).toBe(400);
    expect(
      validateApiResponse({ route: undefined, statusCode: 400, body: JSON.parse(malformed.body) }),
    ).toEqual([]);
    const tooLarge = await fetch(`${server?.url}/v1/health`, {
      method: 'POST',
      body: new Uint8Array(LOCAL_API_MAX_BODY_BYTES + 1),
    }).catch((error: unknown) => error);
    // The server answers 413 and closes; the client may see the answer or the closed socket.
    if (tooLarge instanceof Response) {
      expect(tooLarge.status).toBe(413);
      expect(
        validateApiResponse({
          route: '/v1/health',
          method: 'POST',
          statusCode: 413,
          body: await tooLarge.json(),
        }),
      ).toEqual([]);
    }
    expect((await get('/v1/health', '/v1/health')).status).toBe(200);
  });
});

describe('findings of the API fuzz (issue 17)', () => {
  /** A request sent byte for byte; the answer must be a declared status whose body validates. */
  async function raw(target: string, route: string | undefined, method = 'GET') {
    const response = await rawHttpRequest(server?.url ?? '', method, target);
    const body = JSON.parse(response.body) as { error?: { message: string } };
    expect(
      validateApiResponse({ route, method, statusCode: response.status, body }),
      `${method} ${target} → ${response.status}`,
    ).toEqual([]);
    return { status: response.status, body };
  }

  it('a request line the URL constructor refuses answers 404 and the server keeps serving', async () => {
    expect((await raw('//a:b/v1/health', undefined)).status).toBe(404);
    expect((await raw('/v1/health', '/v1/health')).status).toBe(200);
  });

  it('routes like API Gateway: no host taken from the path, no dot segments, no trailing-slash folding', async () => {
    expect((await raw('//evil.example/v1/health', undefined)).status).toBe(404);
    expect((await raw('/v1/assets/../health', undefined)).status).toBe(404);
    expect((await raw('/v1/./health', undefined)).status).toBe(404);
    expect((await raw('/v1/health/', undefined)).status).toBe(404);
    expect((await raw('/v1/health//', undefined)).status).toBe(404);
  });

  it('400s times at or beyond the year 9999 instead of a 500', async () => {
    const route = '/v1/assets/{asset}/parameters';
    const base = `/v1/assets/${PAGED_ASSET}/parameters`;
    await expectError(`${base}?from=8640000000000000`, route, 400, 'from');
    await expectError(`${base}?to=9007199254740991`, route, 400, 'to');
    await expectError(`${base}?to=253402300800000`, route, 400, 'to');
    await expectError(`${base}?to=8639999999999999`, route, 400, 'to');
    await expectError(`${base}?from=%2B275760-09-13T00:00:00.000Z`, route, 400, 'from');
    await expectError(`${base}?from=10000-01-01T00:00:00Z`, route, 400, 'from');
    // The last instant of 9999 is allowed and echoed as a 4-digit-year RFC 3339 date-time.
    const { status, body } = await get(`${base}?to=9999-12-31T23:59:59.999Z&limit=1`, route);
    expect(status).toBe(200);
    expect(body.to).toBe('9999-12-31T23:59:59.999Z');
  });

  it('400s impossible calendar dates and times instead of normalising them', async () => {
    const route = '/v1/assets/{asset}/parameters';
    const base = `/v1/assets/${PAGED_ASSET}/parameters`;
    for (const bad of [
      '2026-02-30',
      '2026-02-29T00:00:00Z',
      '2026-13-01',
      '2026-04-31T00:00:00Z',
      '2026-11-21T24:00:00Z',
      '2026-11-21T06:60:00Z',
      '2026-11-21T06:00:00+24:00',
      '2026-11-21T06:30Z',
      '0999-01-01',
    ])
      await expectError(`${base}?from=${encodeURIComponent(bad)}`, route, 400, 'from');
    const { status, body } = await get(`${base}?from=2028-02-29&limit=1`, route);
    expect(status).toBe(200);
    expect(body.from).toBe('2028-02-29T00:00:00.000Z');
  });

  it('404s a round above 2^53 (looked up exactly, not as a lossy number)', async () => {
    await expectError('/v1/rounds/9007199254740993', '/v1/rounds/{round}', 404, 'round');
    await expectError('/v1/rounds/18446744073709551615', '/v1/rounds/{round}', 404, 'round');
  });

  it('a cursor at the end of the window answers an empty last page', async () => {
    const to = pagedTs[9] ?? 0;
    const cursor = Buffer.from(JSON.stringify({ asset: PAGED_ASSET, ts: to })).toString('base64url');
    const { status, body } = await get(
      `/v1/assets/${PAGED_ASSET}/parameters?to=${to}&cursor=${cursor}`,
      '/v1/assets/{asset}/parameters',
    );
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
    expect(body.nextCursor).toBeNull();
  });
});

describe('ballast api', () => {
  it('serves the handler on 127.0.0.1, prints the URL, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'shared/cli/main.ts',
        'api',
        '--endpoint',
        dynamodb?.endpoint ?? '',
        '--table-prefix',
        tables.parameters.replace(/-parameters$/, ''),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /read API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`ballast api exited ${code}: ${output}`)));
      });
      const response = await fetch(`${url}/v1/assets/ETH/parameters?limit=2`);
      const body = (await response.json()) as { items: unknown[] };
      expect(response.status).toBe(200);
      expect(body.items).toHaveLength(2);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
