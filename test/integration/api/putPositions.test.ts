/**
 * `PUT /v1/positions` end to end: the real handler served over node:http on 127.0.0.1, DynamoDB
 * Local, keys held as SHA-256 hashes. Every response is checked against the OpenAPI document; a
 * request without a valid key stores nothing; the key never shows up in a response or a log.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiContext } from '../../../shared/api/ApiContext.js';
import { createApiHandler } from '../../../shared/api/createApiHandler.js';
import { MAX_POSITIONS_BODY_BYTES } from '../../../shared/api/routes/putPositions.js';
import { startLocalApiServer, type LocalApiServer } from '../../../shared/cli/startLocalApiServer.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { listHealthPositions } from '../../../shared/store/listHealthPositions.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { validateApiResponse } from '../../fixtures/api/validateApiResponse.js';

const KEY = `bk_${randomUUID().replace(/-/g, '')}`;
const OTHER_KEY = `bk_${randomUUID().replace(/-/g, '')}`;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

let dynamodb: DynamoDbLocal | undefined;
let dynamo: DynamoClients;
let tables: TableNames;
let server: LocalApiServer | undefined;
const logged: string[] = [];

async function put(body: string, authorization?: string, method = 'PUT') {
  const response = await fetch(`${server?.url}/v1/positions`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
  });
  const text = await response.text();
  expect(text).not.toContain(KEY);
  const parsed = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  expect(
    validateApiResponse({ route: '/v1/positions', method, statusCode: response.status, body: parsed }),
  ).toEqual([]);
  return {
    status: response.status,
    body: parsed as { error?: { field?: string; message: string } } & Record<string, unknown>,
  };
}
const stored = async () => (await listHealthPositions(dynamo, tables)).positions;

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  tables = tableNames(`pp-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
  const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
  const context: ApiContext = {
    dynamo,
    tables,
    config,
    positionKeys: () => Promise.resolve({ 'lend-a': sha(KEY), 'lend-b': sha(OTHER_KEY) }),
    now: () => Date.UTC(2026, 10, 1),
  };
  for (const level of ['log', 'info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    );
  server = await startLocalApiServer({ handler: createApiHandler({ context }) });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await dynamodb?.stop();
});

const body = (positions: unknown[]): string => JSON.stringify({ positions });
const eth = { account: '0xabc', collateral: { ETH: 2 }, debt: { USD: 5_000 } };

describe('PUT /v1/positions', () => {
  it('answers 401 without a valid key and stores nothing', async () => {
    for (const authorization of [undefined, `Basic ${KEY}`, 'Bearer short', `Bearer ${KEY}x`]) {
      const { status, body: answer } = await put(body([eth]), authorization);
      expect(status, String(authorization?.slice(0, 6))).toBe(401);
      expect(answer.error?.field).toBe('authorization');
    }
    expect(await stored()).toEqual([]);
  });

  it('answers 413 above 256 KiB and stores nothing', async () => {
    const big = body([{ ...eth, account: 'x'.repeat(90) }]).padEnd(MAX_POSITIONS_BODY_BYTES + 1, ' ');
    const { status, body: answer } = await put(big, `Bearer ${KEY}`);
    expect(status).toBe(413);
    expect(answer.error?.field).toBe('body');
    expect(await stored()).toEqual([]);
  });

  it('refuses a bad body with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [[{ ...eth, collateral: { DOGE: 1 } }], 'positions.0.collateral.DOGE'],
      [[{ ...eth, debt: { USD: -1 } }], 'positions.0.debt.USD'],
      [[{ ...eth, extra: 1 }], 'positions.0'],
      [[eth, eth], 'positions.1.account'],
      [[{ ...eth, alertLevel: 0.9 }], 'positions.0.alertLevel'],
      [[], 'positions'],
    ];
    for (const [positions, field] of cases) {
      const { status, body: answer } = await put(body(positions as unknown[]), `Bearer ${KEY}`);
      expect(status, field).toBe(400);
      expect(answer.error?.field, JSON.stringify(positions)).toBe(field);
      expect(answer.error?.message).toContain(field);
    }
    expect((await put('{not json', `Bearer ${KEY}`)).body.error?.field).toBe('body');
    expect(await stored()).toEqual([]);
  });

  it("stores a protocol's positions in its own partition, upserts, and removes an emptied one", async () => {
    const first = await put(
      body([
        eth,
        { account: 'acct-2', collateral: { BTC: 0.5, ETH: 1 }, debt: { USDC: 20_000 }, alertLevel: 1.3 },
      ]),
      `Bearer ${KEY}`,
    );
    expect(first).toEqual({ status: 200, body: { protocol: 'lend-a', stored: 2, removed: 0 } });
    expect((await put(body([eth]), `Bearer ${OTHER_KEY}`)).body).toMatchObject({ protocol: 'lend-b' });
    expect(await stored()).toEqual([
      { id: 'push:lend-a/0xabc', collateral: { ETH: 2 }, debt: { USD: 5_000 } },
      { id: 'push:lend-a/acct-2', collateral: { BTC: 0.5, ETH: 1 }, debt: { USDC: 20_000 }, alertLevel: 1.3 },
      { id: 'push:lend-b/0xabc', collateral: { ETH: 2 }, debt: { USD: 5_000 } },
    ]);
    const second = await put(
      body([
        { ...eth, debt: { USD: 6_000 } },
        { account: 'acct-2', collateral: {}, debt: {} },
      ]),
      `Bearer ${KEY}`,
    );
    expect(second.body).toEqual({ protocol: 'lend-a', stored: 1, removed: 1 });
    expect((await stored()).map((p) => [p.id, p.debt])).toEqual([
      ['push:lend-a/0xabc', { USD: 6_000 }],
      ['push:lend-b/0xabc', { USD: 5_000 }],
    ]);
  });

  it('lets a browser on another origin send its key: the preflight allows authorization and PUT', async () => {
    const preflight = await fetch(`${server?.url}/v1/positions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.lend-a.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')?.split(',')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')?.split(',').sort()).toEqual([
      'authorization',
      'content-type',
    ]);
    // The PUT itself answers with the CORS headers too, so the browser hands the answer over.
    const response = await fetch(`${server?.url}/v1/positions`, {
      method: 'PUT',
      headers: {
        origin: 'https://app.lend-a.example',
        'content-type': 'application/json',
        authorization: `Bearer ${KEY}`,
      },
      body: body([eth]),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is PUT only, and the key never reaches a log line', async () => {
    expect((await put('', undefined, 'GET')).status).toBe(405);
    expect((await put(body([eth]), `Bearer ${KEY}`, 'POST')).status).toBe(405);
    expect(logged.join('\n')).not.toContain(KEY);
    expect(logged.join('\n')).not.toContain(sha(KEY));
  });
});
