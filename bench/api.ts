/**
 * Informational: the read API's history route over 10,000 records of one asset, through the real
 * middy handler (in-process, as API Gateway invokes it) against DynamoDB Local.
 *   npx tsx bench/api.ts [--records N] [--runs N]
 * Prints the median time to walk the whole history (every page, following nextCursor) for page
 * sizes 100 and 500, the median time of one page, of the latest record, and the ratios.
 * DynamoDB Local is slower than DynamoDB; the numbers compare page sizes and bound the handler's own cost.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createApiHandler } from '../shared/api/createApiHandler.js';
import defaultAssetsConfig from '../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../shared/config/parseAssetsConfig.js';
import { startDynamoDbLocal } from '../shared/localstack/startDynamoDbLocal.js';
import { HOUR_MS } from '../shared/core/time.js';
import { computeRiskRecord } from '../shared/risk/computeRiskRecord.js';
import { createDynamoClients } from '../shared/store/createDynamoClients.js';
import { createTables } from '../shared/store/createTables.js';
import { putRiskRecord } from '../shared/store/putRiskRecord.js';
import { tableNames } from '../shared/store/tables.js';
import { makeSyntheticInputs } from '../test/fixtures/api/makeSyntheticInputs.js';

/** Records of the asset. @default 10000 */
const DEFAULT_RECORDS = 10_000;
/** Measured full walks per page size. @default 5 */
const DEFAULT_RUNS = 5;
/** Concurrent writes while seeding. @default 32 */
const SEED_CONCURRENCY = 32;

const { values } = parseArgs({ options: { records: { type: 'string' }, runs: { type: 'string' } } });
const records = values.records === undefined ? DEFAULT_RECORDS : Number(values.records);
const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
for (const [flag, n] of [
  ['--records', records],
  ['--runs', runs],
] as const) {
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench/api: ${flag} must be a positive integer, got ${n}\n`);
    process.exit(2);
  }
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function event(path: string, query: Record<string, string>): APIGatewayProxyEventV2 {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    queryStringParameters: query,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'bench',
      domainPrefix: 'bench',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}

const dynamodb = await startDynamoDbLocal();
try {
  const dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  const tables = tableNames(`bench-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
  const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
  const start = Date.UTC(2025, 0, 1);
  const base = computeRiskRecord({
    inputs: makeSyntheticInputs({ asset: 'BTC', asOf: start }),
    config: config.assets.BTC!,
  });
  const seedStart = performance.now();
  for (let i = 0; i < records; i += SEED_CONCURRENCY) {
    await Promise.all(
      Array.from({ length: Math.min(SEED_CONCURRENCY, records - i) }, (_, j) => {
        const ts = start + (i + j) * 300_000 + 7_000;
        return putRiskRecord(
          dynamo,
          tables,
          { asset: 'BTC', ts },
          { ...base, asOf: Math.floor(ts / HOUR_MS) * HOUR_MS },
        );
      }),
    );
  }
  const seedMs = performance.now() - seedStart;
  const handler = createApiHandler({ context: { dynamo, tables, config, now: () => Date.now() } });
  const path = '/v1/assets/BTC/parameters';

  async function walk(
    limit: number,
  ): Promise<{ ms: number; pages: number; items: number; pageMs: number[] }> {
    const begin = performance.now();
    const pageMs: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let items = 0;
    do {
      const t = performance.now();
      const response = await handler(
        event(path, { limit: String(limit), ...(cursor === null ? {} : { cursor }) }),
      );
      pageMs.push(performance.now() - t);
      if (response.statusCode !== 200) throw new Error(`bench/api: ${response.statusCode} ${response.body}`);
      const body = JSON.parse(response.body ?? '{}') as { items: unknown[]; nextCursor: string | null };
      items += body.items.length;
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    return { ms: performance.now() - begin, pages, items, pageMs };
  }

  console.log(`npx tsx bench/api.ts --records ${records} --runs ${runs}`);
  console.log(
    `seeded ${records} records of BTC in ${(seedMs / 1000).toFixed(1)} s (DynamoDB Local ${dynamodb.endpoint})`,
  );
  const results = new Map<number, { walk: number; page: number; pages: number }>();
  for (const limit of [100, 500]) {
    await walk(limit); // warm-up: connections, JIT
    const walks: number[] = [];
    const pages: number[] = [];
    let count = 0;
    for (let r = 0; r < runs; r += 1) {
      const result = await walk(limit);
      if (result.items !== records)
        throw new Error(`bench/api: walked ${result.items} items, expected ${records}`);
      walks.push(result.ms);
      pages.push(...result.pageMs);
      count = result.pages;
    }
    results.set(limit, { walk: median(walks), page: median(pages), pages: count });
    console.log(
      `limit=${String(limit).padEnd(3)}  full history (${count} pages): median ${median(walks).toFixed(0)} ms   one page: median ${median(pages).toFixed(1)} ms   (${((records / median(walks)) * 1000).toFixed(0)} records/s)`,
    );
  }
  const latest: number[] = [];
  for (let r = 0; r < 50; r += 1) {
    const t = performance.now();
    const response = await handler(event('/v1/assets/BTC/parameters/latest', {}));
    latest.push(performance.now() - t);
    if (response.statusCode !== 200) throw new Error(`bench/api: latest ${response.statusCode}`);
  }
  console.log(
    `latest record (whole, ${(JSON.stringify(base).length / 1024).toFixed(1)} KB): median ${median(latest).toFixed(1)} ms over 50`,
  );
  const small = results.get(100);
  const large = results.get(500);
  if (small !== undefined && large !== undefined)
    console.log(`ratio full-walk limit=100 / limit=500: ${(small.walk / large.walk).toFixed(2)}×`);
} finally {
  await dynamodb.stop();
}
