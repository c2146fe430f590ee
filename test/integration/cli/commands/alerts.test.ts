/**
 * `ballast alerts test | dead-letters | redrive` against a webhook receiver on 127.0.0.1 and
 * DynamoDB Local: the sample is signed as docs/positions.md says (checked here with node:crypto);
 * a refusing receiver is exit 1, an absent one exit 3, bad flags exit 2 naming the flag; dead
 * letters are listed and redriven into the outbox.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAlertsCommand } from '../../../../shared/cli/commands/alerts.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import type { AlertMessage } from '../../../../shared/store/AlertMessage.js';
import { closeAlertEntry } from '../../../../shared/store/closeAlertEntry.js';
import { commitAlertTransition } from '../../../../shared/store/commitAlertTransition.js';
import { createDynamoClients, type DynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { listAlertEntries } from '../../../../shared/store/listAlertEntries.js';
import { putPositionHealth } from '../../../../shared/store/putPositionHealth.js';
import { tableNames, type TableNames } from '../../../../shared/store/tables.js';
import { runCliInProcess, type CliRun } from '../../support/runCliInProcess.js';
import { startAlertReceiver, type AlertReceiver } from '../../support/startAlertReceiver.js';

const SECRET = 'cli-test-secret-0123456789';
const PREFIX = 'alertscli';

const ballast = (...args: string[]): Promise<CliRun> => runCliInProcess([registerAlertsCommand], args);

describe('ballast alerts', () => {
  let receiver: AlertReceiver;
  let dir: string;
  let secretFile: string;
  let dynamodb: DynamoDbLocal | undefined;
  let dynamo: DynamoClients;
  let tables: TableNames;
  let storeFlags: string[];

  beforeAll(async () => {
    receiver = await startAlertReceiver();
    dir = mkdtempSync(join(tmpdir(), 'alerts-cli-'));
    secretFile = join(dir, 'secret');
    writeFileSync(secretFile, `${SECRET}\n`);
    dynamodb = await startDynamoDbLocal();
    dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
    tables = tableNames(PREFIX);
    // Items here are dated December 2025: with expiry on, DynamoDB Local would sweep the cycle
    // health and delivered alerts (kept for days after their time) while the test reads them.
    await createTables(dynamo.client, tables, { timeToLive: false });
    storeFlags = ['--endpoint', dynamodb.endpoint, '--table-prefix', PREFIX];
  });
  afterAll(async () => {
    await receiver?.close();
    await dynamodb?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('test: sends one signed sample alert and prints the answer', async () => {
    const run = await ballast('alerts', 'test', '--url', receiver.url, '--secret-file', secretFile);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (request === undefined) return;
    const timestamp = String(request.headers['ballast-timestamp']);
    expect(request.headers['ballast-signature']).toBe(
      `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`,
    );
    const alert = JSON.parse(request.body) as AlertMessage;
    expect(alert).toMatchObject({ type: 'ballast.position.alert', state: 'below-alert' });
    expect(alert.position.startsWith('sample/')).toBe(true);
    expect(request.headers['ballast-alert-id']).toBe(alert.id);
    expect(run.stdout).toBe(
      `sent sample alert ${alert.id} to ${receiver.url}: HTTP 200, signed at ${timestamp} (ballast-timestamp)\n`,
    );
    expect(run.stdout).not.toContain(SECRET);
  });

  it('test: a receiver that refuses is exit 1, one that does not answer exit 3', async () => {
    receiver.answer(401);
    const refused = await ballast('alerts', 'test', '--url', receiver.url, '--secret-file', secretFile);
    receiver.answer(200);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /sample alert not accepted: HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/alerts/,
    );
    const closed = await startAlertReceiver();
    await closed.close();
    const absent = await ballast('alerts', 'test', '--url', closed.url, '--secret-file', secretFile);
    expect(absent.code).toBe(3);
    expect(absent.stderr).toContain('sample alert not accepted');
  });

  it('test: bad flags name the flag, the value and what is allowed', async () => {
    const cases: [string[], RegExp][] = [
      [['--url', 'ftp://x', '--secret-file', secretFile], /--url: "ftp:\/\/x" is not an http\(s\) URL/],
      [
        ['--url', receiver.url, '--secret-file', join(dir, 'missing')],
        /--secret-file: cannot read ".*missing" \(ENOENT\)/,
      ],
    ];
    const short = join(dir, 'short');
    writeFileSync(short, 'tiny');
    cases.push([
      ['--url', receiver.url, '--secret-file', short],
      /--secret-file: the secret has 4 characters; at least 16/,
    ]);
    for (const [args, message] of cases) {
      const run = await ballast('alerts', 'test', ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it("status: the latest cycle's health near the edge and the queues", async () => {
    const before = await ballast('alerts', 'status', ...storeFlags);
    expect(before.code).toBe(0);
    expect(before.stdout).toBe(
      'the monitor has not run yet (no position health stored)\nalerts: 0 waiting in the outbox, 0 dead-lettered\n',
    );
    const near = (id: string, hf: number) => ({
      id,
      state: hf < 1 ? ('liquidatable' as const) : ('below-alert' as const),
      hf,
      hfNext: hf,
      alertLevel: 1.1,
      collateralUsd: 2_000,
      debtUsd: 1_500,
    });
    for (const cycleTs of [1_764_730_000_000, 1_764_739_200_000])
      await putPositionHealth(dynamo, tables, {
        cycleTs,
        computedAt: cycleTs + 1,
        positions: 10,
        evaluated: 8,
        unknown: 1,
        states: { ok: 5, 'below-alert': 2, 'liquidatable-next': 0, liquidatable: 1 },
        nearEdgeMargin: 0.15,
        nearEdge: [near('m/0x1', 0.95), near('m/0x2', 1.05), near('m/0x3', 1.08)],
        truncated: 1,
        prices: { ETH: 2_000, USD: 1 },
        ltBps: { ETH: 8_000 },
        nextLtBps: { ETH: 8_000 },
      });
    const run = await ballast('alerts', 'status', '--limit', '2', ...storeFlags);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'cycle 2025-12-03T05:20:00.000Z: 8 of 10 positions with debt (1 unknown): 1 liquidatable, 0 liquidatable under the next candidate, 2 below their alert level, 5 ok',
      'near the edge (HF < alert level + 0.15): 4, the lowest 2:',
      '  m/0x1  liquidatable  HF 0.9500  next 0.9500  alert 1.1  debt $1,500',
      '  m/0x2  below-alert  HF 1.0500  next 1.0500  alert 1.1  debt $1,500',
      'alerts: 0 waiting in the outbox, 0 dead-lettered',
      '',
    ]);
    const bad = await ballast('alerts', 'status', '--limit', 'many', ...storeFlags);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit: "many" is not allowed; expected a whole number from 0 to 1000');
  });

  it('dead-letters lists what the monitor gave up on; redrive puts it back in the outbox', async () => {
    const message: AlertMessage = {
      type: 'ballast.position.alert',
      id: 'push:lend-a/0xabc#1',
      position: 'push:lend-a/0xabc',
      state: 'liquidatable',
      previousState: 'ok',
      hf: 0.97,
      hfNext: 0.97,
      alertLevel: 1.1,
      collateralUsd: 1_000,
      debtUsd: 800,
      cycleTs: 1_700_000_000_000,
      detectedAt: '2023-11-14T22:13:20.000Z',
    };
    const entry = { id: message.id, message, pending: ['webhook' as const], attempts: {}, createdAt: 1 };
    expect(
      await commitAlertTransition(dynamo, tables, {
        previous: undefined,
        next: {
          position: message.position,
          state: 'liquidatable',
          seq: 1,
          hf: 0.97,
          hfNext: 0.97,
          cycleTs: 1,
        },
        entry,
      }),
    ).toBe('committed');
    await closeAlertEntry(dynamo, tables, {
      entry: { ...entry, attempts: { webhook: 5 }, lastError: 'HTTP 503 from https://hooks.example' },
      to: 'dead',
      now: 2,
    });

    const listed = await ballast('alerts', 'dead-letters', ...storeFlags);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(
      'push:lend-a/0xabc#1  ok → liquidatable  channels webhook  attempts {"webhook":5}',
    );
    expect(listed.stdout).toContain('last error: HTTP 503 from https://hooks.example');
    expect(listed.stdout).toContain('1 dead letter(s)');

    const neither = await ballast('alerts', 'redrive', ...storeFlags);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give alert ids or --all');
    const unknown = await ballast('alerts', 'redrive', 'nope#1', ...storeFlags);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"nope#1" not among the 1 dead letter(s)');

    const redriven = await ballast('alerts', 'redrive', 'push:lend-a/0xabc#1', ...storeFlags);
    expect(redriven.stdout).toContain('1 alert(s) back in the outbox');
    expect(await listAlertEntries(dynamo, tables, 'dead')).toEqual([]);
    expect(await listAlertEntries(dynamo, tables, 'outbox')).toEqual([
      { ...entry, attempts: {}, createdAt: 1 },
    ]);
  });
});
