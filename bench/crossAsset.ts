/**
 * Cross-asset benchmark (docs/cross-asset.md): one cycle of correlations (EWMA correlation,
 * stressed correlation over the trailing year, most-moved pairs, inputs hash) and of portfolio
 * margin (multivariate FHS over every historical hour, isolated vs portfolio requirement) for a
 * position holding 50 assets with one year of hourly history each, and the correlations' round trip
 * through the store (putCorrelations into DynamoDB Local, as correlateStage writes it each cycle,
 * then getStoredCorrelations as the API and `ballast correlations` read it back), with the stored
 * item's size against DynamoDB's 400 KB item limit. Prints medians over repeated runs; nothing here
 * asserts a time. Needs java for DynamoDB Local. Run: npx tsx bench/crossAsset.ts
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { syntheticCandles } from '../test/fixtures/risk/syntheticCandles.js';
import { evaluatePortfolio } from '../shared/portfolio/evaluatePortfolio.js';
import { computeCorrelations } from '../shared/risk/crossAsset/computeCorrelations.js';
import { startDynamoDbLocal } from '../shared/localstack/startDynamoDbLocal.js';
import { createDynamoClients } from '../shared/store/createDynamoClients.js';
import { createTables } from '../shared/store/createTables.js';
import { getStoredCorrelations } from '../shared/store/getStoredCorrelations.js';
import { putCorrelations } from '../shared/store/putCorrelations.js';
import { CORRELATIONS_SCOPE } from '../shared/store/StoredCorrelations.js';
import { tableNames } from '../shared/store/tables.js';

const ASSETS = 50;
const HOURS = 8760;
const RUNS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const names = Array.from({ length: ASSETS }, (_, i) => `A${String(i).padStart(2, '0')}`);
const candles = Object.fromEntries(
  names.map((n, i) => [n, syntheticCandles({ seed: 500 + i, hours: HOURS })]),
);
const position = {
  collateral: Object.fromEntries(names.map((n) => [n, 1])),
  debt: { USD: 2000 },
};
const isolated = Object.fromEntries(names.map((n) => [n, { ltBps: 8000, slip: 0.002 }]));

const corrTimes: number[] = [];
const pfTimes: number[] = [];
let scenarios = 0;
let pairs = 0;
let correlations: ReturnType<typeof computeCorrelations> | undefined;
for (let run = 0; run < RUNS; run++) {
  let t0 = performance.now();
  const corr = computeCorrelations({ candles });
  corrTimes.push(performance.now() - t0);
  correlations = corr;
  pairs = (corr.assets.length * (corr.assets.length - 1)) / 2;
  t0 = performance.now();
  const pf = evaluatePortfolio({ position, candles, isolated });
  pfTimes.push(performance.now() - t0);
  scenarios = pf.scenarios;
}

console.log(`${ASSETS} assets × ${HOURS} hourly candles, median of ${RUNS} runs`);
console.log(
  `correlations (EWMA + stressed over 1 year + moved, ${pairs} pairs): ${median(corrTimes).toFixed(0)} ms`,
);
console.log(
  `portfolio margin (multivariate FHS, ${scenarios} scenarios × 24 h × ${ASSETS} assets): ${median(pfTimes).toFixed(0)} ms`,
);
console.log(`one cycle, both: ${(median(corrTimes) + median(pfTimes)).toFixed(0)} ms`);

// The store: one item per cycle in the correlations table (docs/data-model.md), on DynamoDB Local.
const dynamodb = await startDynamoDbLocal();
const dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
try {
  const tables = tableNames('bench-cross');
  await createTables(dynamo.client, tables, { timeToLive: false });
  const result = correlations!;
  const snapshots = names.map((asset) => ({ asset, ts: result.asOf }));
  const putTimes: number[] = [];
  const getTimes: number[] = [];
  let itemBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    // A new cycle each run (its own key), as correlateStage writes one.
    const ts = result.asOf + run * 300_000;
    let t0 = performance.now();
    const { written } = await putCorrelations(dynamo, tables, { ts, result, snapshots });
    putTimes.push(performance.now() - t0);
    if (!written) throw new Error(`bench: cycle ${ts} was already stored`);
    t0 = performance.now();
    const read = await getStoredCorrelations(dynamo, tables, ts);
    getTimes.push(performance.now() - t0);
    if (read?.result.inputsHash !== result.inputsHash) throw new Error('bench: read back other correlations');
    const { Item } = await dynamo.doc.send(
      new GetCommand({ TableName: tables.correlations, Key: { scope: CORRELATIONS_SCOPE, ts } }),
    );
    itemBytes = itemSize(Item ?? {});
  }
  console.log(
    `store (DynamoDB Local): put ${median(putTimes).toFixed(0)} ms, get ${median(getTimes).toFixed(0)} ms; ` +
      `item ${(itemBytes / 1024).toFixed(1)} KB of the 400 KB item limit (gzip JSON, ${pairs} pairs)`,
  );
} finally {
  dynamo.client.destroy();
  await dynamodb.stop();
}

/** An item's size as DynamoDB counts it (attribute names plus values), for strings, numbers, binaries and lists. */
function itemSize(item: Record<string, unknown>): number {
  const valueSize = (value: unknown): number =>
    value instanceof Uint8Array
      ? value.length
      : typeof value === 'string'
        ? Buffer.byteLength(value)
        : typeof value === 'number'
          ? Buffer.byteLength(String(value))
          : Array.isArray(value)
            ? value.reduce((n: number, v) => n + 1 + valueSize(v), 3)
            : 1;
  return Object.entries(item).reduce((n, [name, value]) => n + Buffer.byteLength(name) + valueSize(value), 0);
}
