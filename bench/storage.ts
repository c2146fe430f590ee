/**
 * Stored bytes per asset and cycle, medians, measured on a local stack (docs/operations.md,
 * docs/methodology.md §8.4): the snapshot item, the record item, the config share, and the shares
 * of what is stored once per asset-hour (12 cycles an hour at the default 5-minute cadence): the
 * checkpoint link, its share of the sealed chunks, and the reference candle; in DynamoDB item-size
 * terms (attribute names + values). With a stack running it reads that stack; without one it runs
 * the reference replay itself (49 simulated hours, BTC and ETH, about a minute) and stops it after:
 *   npx ballast run --local --replay 2024-08-01..2024-08-03 --step 1h --keep
 * Run: npx tsx bench/storage.ts (skipped, exit 0, without ../shared/data to replay).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULTS } from '../shared/config/defaults.js';
import { readStackState, STACK_STATE_FILE } from '../shared/localstack/stackState.js';
import { createDynamoClients } from '../shared/store/createDynamoClients.js';
import { tableNames } from '../shared/store/tables.js';

const DEFAULT_CYCLE_SECONDS = DEFAULTS.cyclePeriodSeconds;
const REPLAY = ['--replay', '2024-08-01..2024-08-03', '--step', '1h'];
const root = fileURLToPath(new URL('..', import.meta.url));
const ballast = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/ballast.js', ...args], { cwd: root, encoding: 'utf8' });

console.log('bench/storage.ts — npx tsx bench/storage.ts');
let started = false;
if (existsSync(STACK_STATE_FILE)) {
  console.log(`(reads the running local stack, ${STACK_STATE_FILE})`);
} else {
  if (!existsSync(new URL('../../shared/data/ohlcv', import.meta.url))) {
    console.log('skipped: no ../shared/data/ohlcv to replay, and no local stack is running');
    process.exit(0);
  }
  console.log(`(no stack running: npx ballast run --local ${REPLAY.join(' ')} --keep, then stack down)`);
  const run = ballast('run', '--local', ...REPLAY, '--keep');
  started = true;
  if (run.status !== 0) {
    ballast('stack', 'down');
    console.error(`the replay failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(1);
  }
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
const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

const snapshots = await scan(tables.snapshots);
const records = await scan(tables.parameters);
const candles = await scan(tables.candles);
const checkpointItems = await scan(tables.checkpoints);
const configs = await scan(tables.configs);
// The checkpoints table holds the hourly links (partition = the asset) and the chunk items their
// growing columns are sealed into (partition `<asset>#chunks#…`).
const links = checkpointItems.filter((c) => !String(c.asset).includes('#'));
const chunks = checkpointItems.filter((c) => String(c.asset).includes('#'));
const cyclesPerHour = 3600 / DEFAULT_CYCLE_SECONDS;
const assets = new Set(links.map((c) => String(c.asset)));
const hours = links.length; // one link per asset-hour
// Chain starts (and their first chunks) hold the whole history once; the steady state is the links
// that continue a chain, and the chunks sealed after the first link of each family.
const continuing = links.filter((c) => c.predecessorHash !== null);
const firstLinkHours = new Set(
  links.filter((c) => c.predecessorHash === null).map((c) => `${String(c.asset)}`),
);
const snap = median(snapshots.map(itemSize));
const rec = median(records.map(itemSize));
const link = median(continuing.map(itemSize));
const candle = median(candles.map(itemSize));
// Chunks in the steady state: each chunked column (3 + one per FHS horizon) seals one 256-value
// chunk per 256 hours, so an asset-hour adds one value's share of a chunk per column.
const chunkBytesPerValue = chunks.length === 0 ? 0 : median(chunks.map(itemSize)) / 256;
// Chunk partitions are `<asset>#chunks#<family>#<column>`: one per chunked column of each family.
const columnsPerState = new Set(chunks.map((c) => String(c.asset))).size / Math.max(1, assets.size);
const chunkShare = chunkBytesPerValue * columnsPerState; // bytes per asset-hour: one value per column
console.log(
  `${snapshots.length} snapshots, ${records.length} records, ${candles.length} candles, ${hours} checkpoint links (${links.length - continuing.length} chain start(s), ${firstLinkHours.size} asset(s)), ${chunks.length} chunks on ${tables.snapshots.replace(/-snapshots$/, '')}`,
);
console.log(
  `snapshot item: median ${kb(snap)} (compact view + the engine's inputs without candles, Brotli JSON)`,
);
console.log(`record item: median ${kb(rec)}`);
// Each resolved config is stored once per hash (table `configs`), not with every record.
const configBytes = configs.reduce((sum, c) => sum + itemSize(c), 0);
const configShare = records.length === 0 ? 0 : configBytes / records.length;
console.log(
  `configs: ${configs.length} item(s), ${kb(configBytes)} in all: ${kb(configShare)} per record so far (falls as records accumulate)`,
);
console.log(`candle item: median ${kb(candle)} (one per asset-hour)`);
console.log(
  `checkpoint link item: median ${kb(link)} per continuing hourly link (bounded state + column tails, gzip; state as JSON ${kb(median(continuing.map((c) => Number(c.stateBytes))))})`,
);
console.log(
  `chunks: median ${kb(median(chunks.map(itemSize)))} per 256-value chunk, ${columnsPerState.toFixed(1)} chunked columns per asset: ${chunkShare.toFixed(1)} B per asset-hour`,
);
const perCycle = snap + rec + configShare + (link + chunkShare + candle) / cyclesPerHour;
console.log(
  `per asset and cycle at ${cyclesPerHour} cycles an hour (medians): snapshot ${kb(snap)} + record ${kb(rec)} + config share ${kb(configShare)} + (checkpoint ${kb(link)} + chunks ${kb(chunkShare)} + candle ${kb(candle)}) / ${cyclesPerHour} = ${kb(perCycle)} (target ≤ 8 KB)`,
);
dynamo.client.destroy();
if (started) ballast('stack', 'down');
