/**
 * How a risk record is stored (docs/data-model.md, table `parameters` and `configs`): the record as
 * Brotli JSON, its resolved config once per canonical hash in `configs`, and nothing written when
 * the config given does not hash to the one the record names.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { computeRiskRecord } from '../../../shared/risk/computeRiskRecord.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { getConfig } from '../../../shared/store/getConfig.js';
import { getRiskRecord } from '../../../shared/store/getRiskRecord.js';
import { putRiskRecord } from '../../../shared/store/putRiskRecord.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { makeSyntheticInputs } from '../../fixtures/api/makeSyntheticInputs.js';

const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
const btc = config.assets.BTC!;
const T = Date.UTC(2026, 0, 5, 12);
let dynamodb: DynamoDbLocal;
let dynamo: DynamoClients;
let tables: TableNames;

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  tables = tableNames(`records-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
}, 120_000);

afterAll(async () => {
  dynamo?.client.destroy();
  await dynamodb?.stop();
});

const recordAt = (hour: number) =>
  computeRiskRecord({
    inputs: makeSyntheticInputs({ asset: 'BTC', asOf: T + hour * HOUR_MS, sigma: 0.01 + hour / 1000 }),
    config: btc,
  });

describe('stored risk records', () => {
  it('store the config once per hash, however many records name it, and read it back by hash', async () => {
    const records = [0, 1, 2].map(recordAt);
    for (const [i, record] of records.entries())
      await putRiskRecord(dynamo, tables, { asset: 'BTC', ts: T + i * HOUR_MS + 5_000 }, record, btc);
    const { Items: configs } = await dynamo.doc.send(new ScanCommand({ TableName: tables.configs }));
    expect(configs!.map((c) => c.configHash)).toEqual([records[0]!.configHash]);
    expect(await getConfig(dynamo, tables, records[0]!.configHash)).toEqual(btc);
    expect(await getConfig(dynamo, tables, 'f'.repeat(64))).toBeUndefined();
    const { Item } = await dynamo.doc.send(
      new GetCommand({ TableName: tables.parameters, Key: { asset: 'BTC', ts: T + 5_000 } }),
    );
    // The record item holds the record (Brotli JSON) and names its config by hash only.
    expect(Item!.recordBr).toBeInstanceOf(Uint8Array);
    expect(Item!.configHash).toBe(records[0]!.configHash);
    for (const inline of ['record', 'config', 'configBr', 'configGz']) expect(Item![inline]).toBeUndefined();
    const stored = await getRiskRecord(dynamo, tables, { asset: 'BTC', ts: T + 5_000 });
    expect(stored.record).toEqual(records[0]);
    expect(stored.config).toBeUndefined();
  });

  it('write nothing when the config given is not the one the record names', async () => {
    const record = recordAt(10);
    const other = { ...btc, heartbeatSeconds: btc.heartbeatSeconds + 1 };
    const key = { asset: 'BTC', ts: T + 10 * HOUR_MS + 5_000 };
    await expect(putRiskRecord(dynamo, tables, key, record, other)).rejects.toThrow(
      `the record names ${record.configHash}; nothing was written`,
    );
    const { Item } = await dynamo.doc.send(new GetCommand({ TableName: tables.parameters, Key: key }));
    expect(Item).toBeUndefined();
    const { Items: configs } = await dynamo.doc.send(new ScanCommand({ TableName: tables.configs }));
    expect(configs).toHaveLength(1);
  });
});
