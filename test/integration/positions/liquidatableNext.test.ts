/**
 * The `liquidatable-next` alert state (docs/positions.md, "Alerts") on DynamoDB Local with a
 * receiver on 127.0.0.1: a position still above HF 1 under the LT on-chain (the asset head) but
 * below it under the cycle's candidate, which was not published yet, is warned while its holder can
 * still act; once the candidate is on-chain it becomes `liquidatable`. The store is seeded with a
 * real engine record whose candidate LT is 500 bp below the head's, the cycle's snapshot price and
 * four pushed positions at chosen health factors; each expected state is written out here.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import type { CompactMarketSnapshot } from '../../../shared/market/compactSnapshot.js';
import { runMonitor } from '../../../shared/positions/monitor/runMonitor.js';
import { computeRiskRecord } from '../../../shared/risk/computeRiskRecord.js';
import type { RiskRecord } from '../../../shared/risk/types.js';
import type { AlertMessage } from '../../../shared/store/AlertMessage.js';
import { advanceAssetHead } from '../../../shared/store/advanceAssetHead.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { listAlertStates } from '../../../shared/store/listAlertStates.js';
import { putPushedPositions } from '../../../shared/store/putPushedPositions.js';
import { putRiskRecord } from '../../../shared/store/putRiskRecord.js';
import { putSnapshot } from '../../../shared/store/putSnapshot.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { makeSyntheticInputs } from '../../fixtures/api/makeSyntheticInputs.js';
import { startAlertReceiver, type AlertReceiver } from '../support/startAlertReceiver.js';
import { NEVER_EXPIRES_AT } from '../../fixtures/store/neverExpires.js';

const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
const SECRET = 'next-secret-0123456789abcdef';
const T = Date.UTC(2026, 0, 5, 12);
const PRICE = 2_000;
/** LT on-chain (the head) and the cycle's candidate, bp. */
const LT_ON_CHAIN = 8_000;
const LT_NEXT = 7_500;
/** Debt (USD) against 1 ETH that puts a position at health factor `hf` under the LT on-chain. */
const debtFor = (hf: number): number => (PRICE * LT_ON_CHAIN) / 10_000 / hf;
const ACCOUNTS = {
  // HF 1.05 on-chain, 0.984 under the candidate: warned before the candidate is published.
  next: { hf: 1.05, state: 'liquidatable-next' },
  // HF 0.95 already: liquidatable now.
  now: { hf: 0.95, state: 'liquidatable' },
  // HF 1.12 on-chain, 1.05 next: below its alert level (1.10) under the candidate.
  alert: { hf: 1.12, state: 'below-alert' },
  // HF 1.5, 1.41 next: nothing to say.
  safe: { hf: 1.5, state: 'ok' },
} as const;

describe('liquidatable under the next candidate (DynamoDB Local, receiver on 127.0.0.1)', () => {
  let dynamodb: DynamoDbLocal;
  let dynamo: DynamoClients;
  let tables: TableNames;
  let receiver: AlertReceiver;
  let record: RiskRecord;
  const cycleKey = { asset: 'ETH', ts: T + 5_000 };
  const monitor = () =>
    runMonitor(
      {
        dynamo,
        tables,
        now: () => T + 60_000,
        sleep: async () => {},
        webhook: { url: receiver.url, secret: SECRET },
      },
      { records: [cycleKey] },
    );
  const id = (account: string) => `push:lender/${account}`;

  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
    dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
    tables = tableNames('next');
    // The fixed clock is in the past: with expiry on, DynamoDB Local would sweep the delivered
    // alerts (kept DEFAULT_SENT_RETENTION_DAYS after `now`) while the test reads them.
    await createTables(dynamo.client, tables, { timeToLive: false });
    receiver = await startAlertReceiver();
    const inputs = makeSyntheticInputs({ asset: 'ETH', asOf: T, sigma: 0.006 });
    const computed = computeRiskRecord({ inputs, config: config.assets.ETH! });
    // The engine's record, its candidate LT set 500 bp below what the chain holds (a tightening
    // computed this cycle and not published yet: not due, or its round still in flight).
    record = { ...computed, candidate: { ...computed.candidate, ltBps: LT_NEXT } };
    await putRiskRecord(dynamo, tables, cycleKey, record);
    await putSnapshot(dynamo, tables, {
      asset: 'ETH',
      ts: cycleKey.ts,
      compact: {
        asset: 'ETH',
        ts: cycleKey.ts,
        referencePrice: PRICE,
        expiresAt: NEVER_EXPIRES_AT,
      } as unknown as CompactMarketSnapshot,
      inputs,
    });
    await advanceAssetHead(dynamo, tables, {
      asset: 'ETH',
      state: { ...computed.nextState, ltBps: LT_ON_CHAIN },
      recordTs: cycleKey.ts - HOUR_MS,
      lastCycleTs: cycleKey.ts - HOUR_MS,
      degraded: false,
    });
    await putPushedPositions(dynamo, tables, {
      protocol: 'lender',
      now: T,
      positions: Object.entries(ACCOUNTS).map(([account, { hf }]) => ({
        account,
        collateral: { ETH: 1 },
        debt: { USD: debtFor(hf) },
      })),
    });
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    dynamo?.client.destroy();
    await dynamodb?.stop();
  });

  it('warns the position that only the candidate would liquidate, with both health factors', async () => {
    const result = await monitor();
    expect(result).toMatchObject({ evaluated: 4, deadLettered: 0, pending: 0 });
    const states = await listAlertStates(dynamo, tables);
    for (const [account, { state }] of Object.entries(ACCOUNTS))
      expect(states.get(id(account))?.state ?? 'ok', account).toBe(state);
    const messages = receiver.received.map((r) => JSON.parse(r.body) as AlertMessage);
    expect(messages.map((m) => m.position).sort()).toEqual([id('alert'), id('next'), id('now')]);
    const next = messages.find((m) => m.position === id('next'))!;
    expect(next).toMatchObject({ state: 'liquidatable-next', previousState: 'ok' });
    expect(next.hf).toBeCloseTo(1.05, 12);
    expect(next.hfNext).toBeCloseTo((1.05 * LT_NEXT) / LT_ON_CHAIN, 12);
    expect(next.debtUsd).toBeCloseTo(debtFor(1.05), 9);
    // Signed like every alert (docs/positions.md).
    const request = receiver.received.find((r) => r.body.includes(`"${id('next')}"`))!;
    const signature = createHmac('sha256', SECRET)
      .update(`${String(request.headers['ballast-timestamp'])}.${request.body}`)
      .digest('hex');
    expect(request.headers['ballast-signature']).toBe(`v1=${signature}`);
  });

  it('once the candidate is on-chain, the warned position is liquidatable: one more alert, nothing repeated', async () => {
    const before = receiver.received.length;
    await advanceAssetHead(dynamo, tables, {
      asset: 'ETH',
      state: { ...record.nextState, ltBps: LT_NEXT },
      recordTs: cycleKey.ts,
      lastCycleTs: cycleKey.ts,
      degraded: false,
    });
    await monitor();
    const messages = receiver.received.slice(before).map((r) => JSON.parse(r.body) as AlertMessage);
    // `alert` stays below its alert level, `now` stays liquidatable: only `next` changed state.
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      position: id('next'),
      state: 'liquidatable',
      previousState: 'liquidatable-next',
    });
    expect(messages[0]!.id).toBe(`${id('next')}#2`);
  });
});
