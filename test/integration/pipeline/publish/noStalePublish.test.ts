/**
 * Issue 18 item 4: a record is never published after a newer record of the same asset. Two
 * overlapping cycles each compute a due BTC record; whichever order their publishers run in, the
 * older record is never loaded for publication once the newer one moved the asset's head, and the
 * head never moves back. Real DynamoDB Local, the real store and loadDueRecords.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultAssetsConfig from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import { loadDueRecords } from '../../../../shared/pipeline/publish/loadDueRecords.js';
import type { PublisherContext } from '../../../../shared/pipeline/publish/PublisherContext.js';
import { computeRiskRecord } from '../../../../shared/risk/computeRiskRecord.js';
import type { RiskRecord } from '../../../../shared/risk/types.js';
import { advanceAssetHead } from '../../../../shared/store/advanceAssetHead.js';
import { getAssetHead } from '../../../../shared/store/getAssetHead.js';
import { createDynamoClients, type DynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { putRiskRecord } from '../../../../shared/store/putRiskRecord.js';
import { tableNames, type TableNames } from '../../../../shared/store/tables.js';
import { makeSyntheticInputs } from '../../../fixtures/api/makeSyntheticInputs.js';

const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
const T1 = Date.UTC(2026, 9, 1, 12);
const T2 = T1 + HOUR_MS;

let dynamodb: DynamoDbLocal | undefined;
let dynamo: DynamoClients;
let older: { ts: number; record: RiskRecord };
let newer: { ts: number; record: RiskRecord };

/** A fresh table set per test: each test plays one ordering of the two publishers. */
async function freshTables(): Promise<{ tables: TableNames; context: PublisherContext }> {
  const tables = tableNames(`nostale-${randomUUID().slice(0, 8)}`);
  await createTables(dynamo.client, tables);
  for (const r of [older, newer]) await putRiskRecord(dynamo, tables, { asset: 'BTC', ts: r.ts }, r.record);
  // For due records loadDueRecords reads the store, the lane's chain id (the chain marks) and what
  // the chain holds for the asset (to step from it, docs/multi-chain.md): here a chain that holds
  // nothing yet, so the candidate is sent as it is.
  const rpc = { chainId: 31337n, call: () => Promise.resolve(undefined) };
  return { tables, context: { dynamo, tables, rpc } as unknown as PublisherContext };
}

/** What the publisher does once a record is mined: move the head to it. */
const published = (tables: TableNames, r: { ts: number; record: RiskRecord }): Promise<boolean> =>
  advanceAssetHead(dynamo, tables, {
    asset: 'BTC',
    state: r.record.nextState,
    recordTs: r.ts,
    lastCycleTs: r.ts,
    degraded: false,
  });

const due = (r: { ts: number }) => [{ asset: 'BTC', ts: r.ts, publishDue: true }];

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  // Two overlapping cycles computed from the same head (no previous state): both due.
  const compute = (asOf: number, sigma: number) =>
    computeRiskRecord({
      inputs: makeSyntheticInputs({ asset: 'BTC', asOf, sigma }),
      config: config.assets.BTC!,
    });
  older = { ts: T1 + 7_000, record: compute(T1, 0.01) };
  newer = { ts: T2 + 7_000, record: compute(T2, 0.02) };
  expect(older.record.publish.due && newer.record.publish.due).toBe(true);
});

afterAll(async () => {
  await dynamodb?.stop();
});

describe('a record is never published after a newer record of the same asset', () => {
  it('newer published first (the older cycle overran): the older record is never loaded again', async () => {
    const { tables, context } = await freshTables();
    expect((await loadDueRecords(context, due(newer))).due.map((r) => r.ts)).toEqual([newer.ts]);
    expect(await published(tables, newer)).toBe(true);
    // The overrunning cycle's publisher now runs with its older record: nothing to publish.
    expect(await loadDueRecords(context, due(older))).toEqual({
      due: [],
      catchUp: [],
      skipped: [{ asset: 'BTC', ts: older.ts, reason: 'superseded', byTs: newer.ts }],
    });
    // And a late "mined" report for the older record cannot move the head back.
    expect(await published(tables, older)).toBe(false);
    expect((await getAssetHead(dynamo, tables, 'BTC'))?.recordTs).toBe(newer.ts);
    // A retry of the newer cycle's publisher finds it already on the head: nothing twice.
    expect((await loadDueRecords(context, due(newer))).due).toEqual([]);
  });

  it('in order: the older is published, then the newer one still is', async () => {
    const { tables, context } = await freshTables();
    expect((await loadDueRecords(context, due(older))).due.map((r) => r.ts)).toEqual([older.ts]);
    expect(await published(tables, older)).toBe(true);
    expect((await loadDueRecords(context, due(newer))).due.map((r) => r.ts)).toEqual([newer.ts]);
    expect(await published(tables, newer)).toBe(true);
    expect((await getAssetHead(dynamo, tables, 'BTC'))?.recordTs).toBe(newer.ts);
  });

  it('both handed to one publisher run: only records newer than the head are loaded', async () => {
    const { tables, context } = await freshTables();
    expect(await published(tables, newer)).toBe(true);
    const result = await loadDueRecords(context, [...due(older), ...due(newer)]);
    expect(result.due).toEqual([]);
    expect(result.skipped.map((r) => [r.ts, r.reason])).toEqual([
      [older.ts, 'superseded'],
      [newer.ts, 'superseded'],
    ]);
  });
});
