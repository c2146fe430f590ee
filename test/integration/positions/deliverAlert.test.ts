/**
 * Alert delivery on DynamoDB Local with a receiver on 127.0.0.1 and an in-memory topic (the
 * AlertPublisher interface the SNS publisher implements): a channel delivered is never sent to
 * again when another fails; a refused request is final at once; a channel down defers the rest.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { deliverAlert } from '../../../shared/positions/monitor/deliverAlert.js';
import {
  DEFAULT_MONITOR_OPTIONS,
  type AlertPublisher,
  type MonitorContext,
} from '../../../shared/positions/monitor/MonitorContext.js';
import { sampleAlert } from '../../../shared/positions/monitor/sampleAlert.js';
import type { AlertMessage } from '../../../shared/store/AlertMessage.js';
import type { AlertChannel, AlertOutboxEntry } from '../../../shared/store/AlertOutboxEntry.js';
import { commitAlertTransition } from '../../../shared/store/commitAlertTransition.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { listAlertEntries } from '../../../shared/store/listAlertEntries.js';
import { redriveDeadLetter } from '../../../shared/store/redriveDeadLetter.js';
import { tableNames, type TableNames } from '../../../shared/store/tables.js';
import { startAlertReceiver, type AlertReceiver } from '../support/startAlertReceiver.js';

describe('deliverAlert (DynamoDB Local, receiver on 127.0.0.1)', () => {
  let dynamodb: DynamoDbLocal | undefined;
  let dynamo: DynamoClients;
  let tables: TableNames;
  let receiver: AlertReceiver;
  let prefix = 0;
  const published: AlertMessage[] = [];
  const waits: number[] = [];
  let topicFails = false;
  const topic: AlertPublisher = {
    publish: async (alert) => {
      if (topicFails) throw new Error('topic throttled');
      published.push(alert);
    },
  };
  const context = (): MonitorContext => ({
    dynamo,
    tables,
    now: () => 1_764_739_200_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    webhook: { url: receiver.url, secret: 'deliver-secret-0123456789' },
    topic,
  });
  const seed = async (n: number, pending: AlertChannel[]): Promise<AlertOutboxEntry[]> => {
    const entries: AlertOutboxEntry[] = [];
    for (let i = 0; i < n; i++) {
      const base = sampleAlert(1_764_739_200_000);
      const message = { ...base, id: `m/0x${i}#1`, position: `m/0x${i}` };
      const entry = { id: message.id, message, pending, attempts: {}, createdAt: i };
      const next = { position: message.position, state: message.state, seq: 1, hf: 1, hfNext: 1, cycleTs: 1 };
      await commitAlertTransition(dynamo, tables, { previous: undefined, next, entry });
      entries.push(entry);
    }
    return entries;
  };

  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
    dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
    receiver = await startAlertReceiver();
  });
  beforeEach(async () => {
    tables = tableNames(`deliver${prefix++}`);
    // The fixed clock is in the past: with expiry on, DynamoDB Local would sweep the delivered
    // alerts (kept DEFAULT_SENT_RETENTION_DAYS after `now`) while the test reads them.
    await createTables(dynamo.client, tables, { timeToLive: false });
    receiver.received.length = 0;
    receiver.answer(200);
    published.length = 0;
    waits.length = 0;
    topicFails = false;
  });
  afterAll(async () => {
    await receiver?.close();
    await dynamodb?.stop();
  });

  it('a webhook delivered is not sent again when the topic fails, is dead-lettered and redriven', async () => {
    const [entry] = await seed(1, ['webhook', 'topic']);
    if (entry === undefined) return;
    topicFails = true;
    const down = new Set<AlertChannel>();
    const first = await deliverAlert(context(), {
      entry,
      options: DEFAULT_MONITOR_OPTIONS,
      wrote: () => {},
      down,
    });
    expect(first).toEqual({ outcome: 'dead', failures: 5 });
    expect(receiver.received).toHaveLength(1);
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    const [dead] = await listAlertEntries(dynamo, tables, 'dead');
    expect(dead).toMatchObject({
      pending: ['topic'],
      attempts: { topic: 5 },
      lastError: 'topic: topic throttled',
    });
    if (dead === undefined) return;

    topicFails = false;
    expect(await redriveDeadLetter(dynamo, tables, dead)).toBe(true);
    const [again] = await listAlertEntries(dynamo, tables, 'outbox');
    if (again === undefined) throw new Error('the redrive left nothing in the outbox');
    const second = await deliverAlert(context(), {
      entry: again,
      options: DEFAULT_MONITOR_OPTIONS,
      wrote: () => {},
      down: new Set(),
    });
    expect(second).toEqual({ outcome: 'sent', failures: 0 });
    expect(published.map((m) => m.id)).toEqual([entry.id]);
    expect(receiver.received).toHaveLength(1); // the webhook had it already
    expect((await listAlertEntries(dynamo, tables, 'sent')).map((e) => e.id)).toEqual([entry.id]);
  });

  it('a receiver that refuses (400) is final at once: no retry, no wait', async () => {
    const [entry] = await seed(1, ['webhook']);
    if (entry === undefined) return;
    receiver.answer(400);
    const down = new Set<AlertChannel>();
    const result = await deliverAlert(context(), {
      entry,
      options: DEFAULT_MONITOR_OPTIONS,
      wrote: () => {},
      down,
    });
    expect(result).toEqual({ outcome: 'dead', failures: 1 });
    expect(waits).toEqual([]);
    expect(down.size).toBe(0); // a refusal says nothing about the next alert
    expect((await listAlertEntries(dynamo, tables, 'dead'))[0]?.lastError).toMatch(/^HTTP 400 from /);
  });

  it('a channel down defers the later alerts of the run without trying them', async () => {
    const entries = await seed(3, ['webhook']);
    receiver.answer(503);
    const down = new Set<AlertChannel>();
    const outcomes: string[] = [];
    for (const entry of entries)
      outcomes.push(
        (await deliverAlert(context(), { entry, options: DEFAULT_MONITOR_OPTIONS, wrote: () => {}, down }))
          .outcome,
      );
    expect(outcomes).toEqual(['dead', 'deferred', 'deferred']);
    expect(receiver.received).toHaveLength(5);
    expect((await listAlertEntries(dynamo, tables, 'outbox')).map((e) => e.id)).toEqual(
      entries.slice(1).map((e) => e.id),
    );
  });
});
