/**
 * Stored bytes per asset and cycle, measured on the running local stack (docs/operations.md,
 * docs/methodology.md §8.4): the snapshot item, the record item and the share of the hourly
 * checkpoint (a checkpoint per asset-hour, 12 cycles an hour at the default 5-minute cadence), in
 * DynamoDB item-size terms (attribute names + values). Start a stack with history first, e.g.
 *   npx ballast run --local --replay 2024-08-01..2024-08-03 --step 1h --keep
 * then: npx tsx bench/storage.ts (skipped, exit 0, when no stack is running).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULTS } from '../shared/config/defaults.js';
import { readStackState, STACK_STATE_FILE } from '../shared/localstack/stackState.js';
import { existsSync } from 'node:fs';
import { createDynamoClients } from '../shared/store/createDynamoClients.js';
import { tableNames } from '../shared/store/tables.js';

console.log('bench/storage.ts — npx tsx bench/storage.ts (reads the running local stack)');
if (!existsSync(STACK_STATE_FILE)) {
  console.log('skipped: no local stack is running (npx ballast run --local --replay … --step 1h --keep)');
  process.exit(0);
}
const state = readStackState();
const dynamo = createDynamoClients({ endpoint: state.dynamodb.endpoint });
const tables = tableNames(state.dynamodb.tablePrefix);

/** DynamoDB's item size: attribute names plus values (numbers ≈ 1 byte per 2 significant digits + 1). */
function sizeOf(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).replace(/[-.e+]/g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + sizeOf(v), 0);
  if (typeof value === 'object')
    return 3 + Object.entries(value).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + 1 + sizeOf(v), 0);
  return 0;
}

async function scan(table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.doc.send(
      new ScanCommand({ TableName: table, ...(start === undefined ? {} : { ExclusiveStartKey: start }) }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + sizeOf(v), 0);
const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

const snapshots = await scan(tables.snapshots);
const records = await scan(tables.parameters);
const checkpoints = await scan(tables.checkpoints);
const cyclesPerHour = 3600 / DEFAULTS.cyclePeriodSeconds;
const snap = mean(snapshots.map(itemSize));
const rec = mean(records.map(itemSize));
const links = checkpoints.filter((c) => c.predecessorHash !== null);
const link = mean(links.map(itemSize));
const first = mean(checkpoints.filter((c) => c.predecessorHash === null).map(itemSize));
const stateBytes = mean(links.map((c) => Number(c.stateBytes)));
console.log(
  `${snapshots.length} snapshots, ${records.length} records, ${checkpoints.length} checkpoints (${checkpoints.length - links.length} chain start(s)) on ${tables.snapshots.replace(/-snapshots$/, '')}`,
);
console.log(`snapshot item: mean ${kb(snap)} (compact view + the engine's inputs, gzip)`);
console.log(`record item: mean ${kb(rec)}`);
console.log(
  `checkpoint item: mean ${kb(link)} per hourly link (state ${kb(stateBytes)} as JSON before gzip; the first link, with the history's candles: ${kb(first)})`,
);
console.log(
  `per asset and cycle at ${cyclesPerHour} cycles an hour: snapshot ${kb(snap)} + record ${kb(rec)} + checkpoint share ${kb(link / cyclesPerHour)} = ${kb(snap + rec + link / cyclesPerHour)}`,
);
dynamo.client.destroy();
