import { randomUUID } from 'node:crypto';
import type { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { MODEL_VERSION } from '../../../shared/risk/computeRiskRecord.js';
import { checkpointStep } from '../../../shared/risk/engine/checkpointStep.js';
import type { EngineState } from '../../../shared/risk/engine/EngineState.js';
import { hashCanonical } from '../../../shared/risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../../shared/risk/provenance/hashSchemes.js';
import { CHECKPOINT_CHUNK_VALUES } from '../../../shared/store/checkpointLayout.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { getCheckpoint } from '../../../shared/store/getCheckpoint.js';
import { getLatestCheckpoint } from '../../../shared/store/getLatestCheckpoint.js';
import { processChunkCache } from '../../../shared/store/processChunkCache.js';
import { putCheckpoint } from '../../../shared/store/putCheckpoint.js';
import type { StoredCheckpoint } from '../../../shared/store/StoredCheckpoint.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { syntheticCandles } from '../../fixtures/risk/syntheticCandles.js';

/** DynamoDB's item limit (DynamoDB Local enforces it too). */
const ITEM_LIMIT = 400 * 1024;
const HOURS = 5 * 365 * 24 + 24; // five years and a day
const config = parseAssetsConfig(JSON.stringify(defaultAssetsConfig), 'assets.default.json').assets.ETH!;
const configHash = hashCanonical(config, CURRENT_HASH_SCHEME);

let dynamodb: DynamoDbLocal;
let dynamo: DynamoClients;
let tables: TableNames;
/** Five years, three more hours, and enough hours after them to seal a chunk of every column. */
const candles = syntheticCandles({ seed: 11, hours: HOURS + 3 + CHECKPOINT_CHUNK_VALUES });
let fiveYears: EngineState;

const itemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce(
    (sum, [k, v]) =>
      sum +
      k.length +
      (v instanceof Uint8Array ? v.length : typeof v === 'string' ? Buffer.byteLength(v) : 8),
    0,
  );

async function put(state: EngineState, hourTs: number, predecessor?: { state: EngineState; hash: string }) {
  const hash = hashCanonical(state, CURRENT_HASH_SCHEME);
  const stored =
    predecessor === undefined ? undefined : await getCheckpoint(dynamo, tables, 'ETH', hourTs - 3_600_000);
  const result = await putCheckpoint(
    dynamo,
    tables,
    {
      asset: 'ETH',
      hourTs,
      hash,
      predecessorHash: predecessor?.hash ?? null,
      candlesFromTs: candles[0]![0],
      candleCount: 1,
      modelVersion: MODEL_VERSION,
      configHash,
      state,
    },
    stored,
  );
  return { hash, result };
}

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  tables = tableNames(`layout-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
  fiveYears = checkpointStep({
    asset: 'ETH',
    candles: candles.slice(0, HOURS),
    config,
    modelVersion: MODEL_VERSION,
  });
}, 180_000);

afterAll(async () => {
  dynamo?.client.destroy();
  await dynamodb?.stop();
});

describe('checkpoints in the chunked layout: five years of engine state never near the item limit', () => {
  it('stores a five-year state in items far below 400 KB and reads it back whole, hash for hash', async () => {
    const whole = JSON.stringify(fiveYears).length;
    expect(whole).toBeGreaterThan(ITEM_LIMIT); // what one item would have had to hold
    const hourTs = candles[HOURS - 1]![0];
    const { hash, result } = await put(fiveYears, hourTs);
    expect(result.written).toBe(true);
    expect(result.chunks).toBeGreaterThan((3 * HOURS) / CHECKPOINT_CHUNK_VALUES - 3);
    const { Items = [] } = await dynamo.doc.send(new ScanCommand({ TableName: tables.checkpoints }));
    const largest = Math.max(...Items.map(itemBytes));
    expect(largest).toBeLessThan(64 * 1024);
    const link = Items.find((item) => item.asset === 'ETH')!;
    expect(itemBytes(link)).toBeLessThan(32 * 1024);
    const back = await getCheckpoint(dynamo, tables, 'ETH', hourTs);
    expect(hashCanonical(back.state, CURRENT_HASH_SCHEME)).toBe(hash);
    expect(JSON.stringify(back.state)).toBe(JSON.stringify(fiveYears));
  }, 120_000);

  it('each further hour stores a small item and seals at most a chunk per column, and reads back exactly', async () => {
    let previous = { state: fiveYears, hash: hashCanonical(fiveYears, CURRENT_HASH_SCHEME) };
    for (let k = HOURS; k < HOURS + 3; k++) {
      const state = checkpointStep({
        asset: 'ETH',
        predecessor: previous.state,
        candles: [candles[k]!],
        config,
        modelVersion: MODEL_VERSION,
      });
      const { hash, result } = await put(state, candles[k]![0], previous);
      expect(result.written).toBe(true);
      expect(result.chunks).toBeLessThanOrEqual(Object.keys(state.fhs).length + 3);
      expect(result.storedBytes).toBeLessThan(32 * 1024);
      const back = await getCheckpoint(dynamo, tables, 'ETH', candles[k]![0]);
      expect(hashCanonical(back.state, CURRENT_HASH_SCHEME)).toBe(hash);
      expect(back.layout?.family).toBeDefined();
      previous = { state, hash };
    }
  }, 120_000);
  it('a warm process reads only the chunks sealed since its last cycle, and all of them again when what it holds does not match', async () => {
    // The store as compute sees it, counting the chunk items each read returns.
    let chunkItems = 0;
    const counting: DynamoClients = {
      ...dynamo,
      doc: {
        send: async (command: QueryCommand) => {
          const out = await dynamo.doc.send(command);
          if (String(command.input.ExpressionAttributeValues?.[':key'] ?? '').includes('#chunks#'))
            chunkItems += out.Items?.length ?? 0;
          return out;
        },
      } as unknown as DynamoDBDocumentClient,
    };
    const chunksOf = (link: StoredCheckpoint): number =>
      Object.values(link.layout!.columns).reduce((sum, column) => sum + column.chunks, 0);
    const latest = async (hour: number): Promise<StoredCheckpoint> =>
      (await getLatestCheckpoint(counting, tables, 'ETH', candles[hour]![0] + 1))!;

    // Cold: every chunk once. Warm, nothing new: no chunk at all.
    let hour = HOURS + 2;
    let link = await latest(hour);
    const sealedAtStart = chunksOf(link);
    expect(chunkItems).toBe(sealedAtStart);
    chunkItems = 0;
    expect((await latest(hour)).hash).toBe(link.hash);
    expect(chunkItems).toBe(0);

    // Hour by hour as compute does (predecessor = the latest checkpoint), until every column sealed
    // a chunk: each chunk is read once, the cycle after it was sealed; the state reads back exactly.
    while (
      hour < candles.length - 1 &&
      chunksOf(link) < sealedAtStart + Object.keys(link.layout!.columns).length
    ) {
      hour += 1;
      const state = checkpointStep({
        asset: 'ETH',
        predecessor: link.state,
        candles: [candles[hour]!],
        config,
        modelVersion: MODEL_VERSION,
      });
      const hash = hashCanonical(state, CURRENT_HASH_SCHEME);
      await putCheckpoint(
        dynamo,
        tables,
        {
          asset: 'ETH',
          hourTs: candles[hour]![0],
          hash,
          predecessorHash: link.hash,
          candlesFromTs: candles[hour]![0],
          candleCount: 1,
          modelVersion: MODEL_VERSION,
          configHash,
          state,
        },
        link,
      );
      link = await latest(hour);
      expect(link.hash).toBe(hash);
    }
    expect(chunksOf(link)).toBeGreaterThanOrEqual(sealedAtStart + Object.keys(link.layout!.columns).length);
    expect(chunkItems).toBe(chunksOf(link) - sealedAtStart);
    expect(JSON.stringify(link.state)).toBe(
      JSON.stringify((await getCheckpoint(dynamo, tables, 'ETH', candles[hour]![0])).state),
    );

    // What the process holds for a column no longer digests to what the link names (say, another
    // store behind the same table name): every chunk of it is read again, and the state is right.
    const column = Object.keys(link.layout!.columns)[0]!;
    const key = `${tables.checkpoints}/${link.layout!.family}#${column}`;
    const held = processChunkCache.get(key)!;
    processChunkCache.set(key, [new Float64Array(held[0]!.length), ...held.slice(1)]);
    chunkItems = 0;
    expect((await latest(hour)).hash).toBe(link.hash);
    expect(chunkItems).toBe(link.layout!.columns[column]!.chunks);
  }, 180_000);
});
