/**
 * GET /v1/correlations and POST /v1/portfolio end to end: the real handler over node:http on
 * 127.0.0.1, DynamoDB Local holding records and snapshots written by the real compute stage, every
 * response checked against the OpenAPI document.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../shared/api/ApiContext.js';
import { createApiHandler } from '../../../shared/api/createApiHandler.js';
import { correlateStage } from '../../../shared/pipeline/crossAsset/correlateStage.js';
import type { PipelineContext } from '../../../shared/pipeline/PipelineContext.js';
import { MAX_PORTFOLIO_BODY_BYTES } from '../../../shared/api/routes/postPortfolio.js';
import { startLocalApiServer, type LocalApiServer } from '../../../shared/cli/startLocalApiServer.js';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { createDynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { tableNames } from '../../../shared/store/tables.js';
import { seedCycles } from '../../fixtures/api/seedCycles.js';
import { validateApiResponse } from '../../fixtures/api/validateApiResponse.js';

const START = Date.UTC(2026, 9, 1, 0, 0, 0);
let dynamodb: DynamoDbLocal | undefined;
let server: LocalApiServer | undefined;
/** Collection time of each seeded cycle that stored correlations. */
const cycleTs: number[] = [];

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  const dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  const tables = tableNames(`cross-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
  const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
  const { recordTs } = await seedCycles({
    dynamo,
    tables,
    config,
    assets: ['BTC', 'ETH'],
    startTs: START,
    cycles: 2,
  });
  // What each cycle's correlate stage stores (runCycle runs it beside the pairs).
  const pipeline: PipelineContext = { config, dynamo, tables, now: () => START };
  for (let cycle = 0; cycle < 2; cycle += 1) {
    const result = await correlateStage(pipeline, {
      snapshots: ['BTC', 'ETH'].map((asset) => ({ asset, ts: recordTs.get(asset)![cycle]! })),
    });
    expect(result.status).toBe('stored');
    if (result.status === 'stored') cycleTs.push(result.ts);
  }
  const context: ApiContext = { dynamo, tables, config, now: () => START + 3 * 3_600_000 };
  server = await startLocalApiServer({ handler: createApiHandler({ context }) });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await dynamodb?.stop();
});

async function call(
  method: string,
  path: string,
  route: string | undefined,
  body?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server?.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  const problems = validateApiResponse({ route, method, statusCode: response.status, body: parsed });
  expect(problems, `${method} ${path} → ${response.status} does not match the OpenAPI document`).toEqual([]);
  return { status: response.status, body: parsed };
}

describe('GET /v1/correlations', () => {
  it('serves the correlations of the assets with records, valid against the document', async () => {
    const { status, body } = await call('GET', '/v1/correlations', '/v1/correlations');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.assets).toEqual(['BTC', 'ETH']);
    const corr = body.correlation as number[][];
    expect(corr[0]![0]).toBe(1);
    expect(corr[0]![1]).toBe(corr[1]![0]);
    expect((body.moved as unknown[]).length).toBe(1);
  });

  it('serves the latest cycle by default, and the cycle at or before ?at=', async () => {
    expect(cycleTs).toHaveLength(2);
    const latest = await call('GET', '/v1/correlations', '/v1/correlations');
    expect(latest.body.cycleAt).toBe(new Date(cycleTs[1]!).toISOString());
    const first = await call(
      'GET',
      `/v1/correlations?at=${new Date(cycleTs[1]! - 1).toISOString()}`,
      '/v1/correlations',
    );
    expect(first.status).toBe(200);
    expect(first.body.cycleAt).toBe(new Date(cycleTs[0]!).toISOString());
    expect(first.body.snapshots).toEqual([
      { asset: 'BTC', ts: cycleTs[0] },
      { asset: 'ETH', ts: cycleTs[0] },
    ]);
    // The first cycle's candles end an hour earlier: another result, not the latest one again.
    expect(first.body.inputsHash).not.toBe(latest.body.inputsHash);
    const none = await call('GET', `/v1/correlations?at=${cycleTs[0]! - 1}`, '/v1/correlations');
    expect(none.status).toBe(404);
    expect((none.body.error as { field: string }).field).toBe('at');
  });

  it('refuses bad and unknown query parameters naming them', async () => {
    const bad = await call('GET', '/v1/correlations?at=2026-02-30', '/v1/correlations');
    expect(bad.status).toBe(400);
    expect((bad.body.error as { field: string }).field).toBe('at');
    const unknown = await call('GET', '/v1/correlations?asset=BTC', '/v1/correlations');
    expect(unknown.status).toBe(400);
    expect((unknown.body.error as { field: string }).field).toBe('asset');
  });
});

describe('POST /v1/portfolio', () => {
  const position = { name: 'api', collateral: { BTC: 1, ETH: 10 }, debt: { USD: 50_000 } };

  it('answers both margins for a position, valid against the document', async () => {
    const { status, body } = await call('POST', '/v1/portfolio', '/v1/portfolio', JSON.stringify(position));
    expect(status).toBe(200);
    expect(body.name).toBe('api');
    expect(body.debtValue).toBe(50_000);
    expect(body.requiredPortfolio).toBeCloseTo(50_000 / (body.portfolioLt as number), 6);
    expect(['BTC', 'ETH']).toContain(body.dominantAsset);
  });

  it('gives 400s naming the field for bad bodies, 413 past the size limit, 405 for GET', async () => {
    const bad = async (text: string, field: string, pattern: RegExp): Promise<void> => {
      const { status, body } = await call('POST', '/v1/portfolio', '/v1/portfolio', text);
      const error = body.error as { field: string; message: string };
      expect(status, error.message).toBe(400);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(pattern);
    };
    await bad(
      JSON.stringify({ collateral: { BTC: -1 } }),
      'collateral.BTC',
      /collateral\.BTC: -1 is not allowed/,
    );
    await bad(
      JSON.stringify({ collateral: { BTC: 1 }, extra: 1 }),
      'body',
      /extra is not allowed; unknown member/,
    );
    await bad(
      JSON.stringify({ collateral: { DOGE: 1 } }),
      'collateral.DOGE',
      /"DOGE" is not allowed; expected a configured asset/,
    );
    await bad('{"collateral":', 'body', /not valid JSON/);
    await bad('', 'body', /body: missing/);
    const big = JSON.stringify({ ...position, name: 'x'.repeat(MAX_PORTFOLIO_BODY_BYTES) });
    const { status } = await call('POST', '/v1/portfolio', '/v1/portfolio', big);
    expect(status).toBe(413);
    expect((await call('GET', '/v1/portfolio', '/v1/portfolio')).status).toBe(405);
  });
});
