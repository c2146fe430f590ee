import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/core/time.js';
import type { Candle } from '../../../shared/core/types.js';
import type { CompactMarketSnapshot } from '../../../shared/market/compactSnapshot.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { hashCanonical } from '../../../shared/risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../../shared/risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../../../shared/risk/types.js';
import { appendCandles } from '../../../shared/store/appendCandles.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { getSnapshot } from '../../../shared/store/getSnapshot.js';
import { listCandles } from '../../../shared/store/listCandles.js';
import { putSnapshot } from '../../../shared/store/putSnapshot.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { syntheticCandles } from '../../fixtures/risk/syntheticCandles.js';
import { NEVER_EXPIRES_AT } from '../../fixtures/store/neverExpires.js';

let dynamodb: DynamoDbLocal;
let dynamo: DynamoClients;
let tables: TableNames;
const candles = syntheticCandles({ seed: 5, hours: 400 });
const compact = (ts: number) =>
  ({ asset: 'ETH', ts, expiresAt: NEVER_EXPIRES_AT }) as unknown as CompactMarketSnapshot;
const inputsAt = (hours: number): RiskInputs => {
  const window = candles.slice(Math.max(0, hours - 300), hours);
  return {
    asset: 'ETH',
    asOf: window.at(-1)![0] + HOUR_MS,
    candles: window,
    quality: { degraded: false, reasons: [] },
  };
};

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  tables = tableNames(`candles-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
}, 120_000);

afterAll(async () => {
  dynamo?.client.destroy();
  await dynamodb?.stop();
});

describe('reference candles stored once per asset-hour', () => {
  it('snapshots of consecutive hours store each candle once and read their whole window back', async () => {
    const first = inputsAt(300);
    const put = await putSnapshot(dynamo, tables, {
      asset: 'ETH',
      ts: first.asOf + 5_000,
      compact: compact(first.asOf),
      inputs: first,
    });
    expect(put.candles).toEqual({ written: 300, conflicting: 0, lastHourTs: first.candles.at(-1)![0] });
    for (let hours = 301; hours <= 310; hours++) {
      const inputs = inputsAt(hours);
      const again = await putSnapshot(dynamo, tables, {
        asset: 'ETH',
        ts: inputs.asOf + 5_000,
        compact: compact(inputs.asOf),
        inputs,
      });
      expect(again.candles.written).toBe(1);
    }
    const { Items } = await dynamo.doc.send(new ScanCommand({ TableName: tables.candles }));
    expect(Items).toHaveLength(310);
    // The snapshot item carries no candle; reading it back gives the inputs exactly as collected.
    const last = inputsAt(310);
    const stored = await getSnapshot(dynamo, tables, 'ETH', last.asOf + 5_000);
    expect(stored.inputs).toEqual(last);
    expect(hashCanonical(stored.inputs, CURRENT_HASH_SCHEME)).toBe(hashCanonical(last, CURRENT_HASH_SCHEME));
    const { candles: _candles, ...withoutCandles } = last;
    expect(stored.inputsHash).toBe(hashCanonical(withoutCandles, CURRENT_HASH_SCHEME));
    expect(stored.candleRange).toEqual({ fromTs: last.candles[0]![0], toTs: last.candles.at(-1)![0] });
    const light = await getSnapshot(dynamo, tables, 'ETH', last.asOf + 5_000, { withCandles: false });
    expect(light.inputs.candles).toEqual([]);
  });

  it('a retry writes nothing; a candle at or before the newest stored one is never written again', async () => {
    const retry = await appendCandles(dynamo, tables, 'ETH', candles.slice(0, 310));
    expect(retry).toEqual({ written: 0, conflicting: 0, lastHourTs: candles[309]![0] });
    const next = candles[310]!;
    expect(await appendCandles(dynamo, tables, 'ETH', [next])).toEqual({
      written: 1,
      conflicting: 0,
      lastHourTs: next[0],
    });
    // A later collect that saw other values for stored hours changes nothing: the stored range is fixed.
    const revised: Candle = [next[0], next[1], next[2], next[3], next[4] * 1.01, next[5]];
    const late = await appendCandles(dynamo, tables, 'ETH', [[candles[5]![0], 1, 1, 1, 1, 1], revised]);
    expect(late).toEqual({ written: 0, conflicting: 0, lastHourTs: next[0] });
    expect(await listCandles(dynamo, tables, 'ETH', next[0], next[0])).toEqual([next]);
    expect(await listCandles(dynamo, tables, 'ETH', candles[5]![0], candles[5]![0])).toEqual([candles[5]]);
  });

  it('a snapshot stored before the candle table (candles inside its inputs) reads back unchanged', async () => {
    const inputs = inputsAt(200);
    const ts = inputs.asOf + 9_000;
    await dynamo.doc.send(
      new PutCommand({
        TableName: tables.snapshots,
        Item: {
          asset: 'OLD',
          ts,
          expiresAt: NEVER_EXPIRES_AT,
          degraded: false,
          compact: JSON.stringify(compact(ts)),
          inputsGz: gzipSync(JSON.stringify(inputs)),
          inputsHash: hashCanonical(inputs, CURRENT_HASH_SCHEME),
        },
      }),
    );
    const stored = await getSnapshot(dynamo, tables, 'OLD', ts);
    expect(stored.inputs).toEqual(inputs);
    expect(stored.inputsHash).toBe(hashCanonical(inputs, CURRENT_HASH_SCHEME));
    expect(stored.candleRange).toBeUndefined();
  });
});
