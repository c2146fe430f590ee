/**
 * `ballast history` and `ballast diff` in-process (commander + runCli, as the `ballast` binary
 * runs them) against DynamoDB Local seeded with real engine cycles and signed publications.
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Wallet, id as keccakText } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiffCommand } from '../../../../shared/cli/commands/diff.js';
import { registerHistoryCommand } from '../../../../shared/cli/commands/history.js';
import defaultAssetsConfig from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { createDynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { tableNames } from '../../../../shared/store/tables.js';
import { seedCycles, type SeedCyclesResult } from '../../../fixtures/api/seedCycles.js';
import { runCliInProcess, type CliRun } from '../../support/runCliInProcess.js';

const START = Date.UTC(2026, 9, 1, 0, 0, 0);
const ORACLE = { chainId: 31337, address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const PREFIX = `history-${randomUUID().slice(0, 8)}`;

let dynamodb: DynamoDbLocal | undefined;
let seeded: SeedCyclesResult;
let storeFlags: string[];

async function ballast(...args: string[]): Promise<CliRun> {
  return runCliInProcess([registerHistoryCommand, registerDiffCommand], args);
}

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  const dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  const tables = tableNames(PREFIX);
  await createTables(dynamo.client, tables);
  seeded = await seedCycles({
    dynamo,
    tables,
    config: parseAssetsConfig(defaultAssetsConfig, 'assets.default.json'),
    assets: ['BTC', 'ETH'],
    startTs: START,
    cycles: 8,
    // Volatility shocks in the newest candle of cycles 3, 5 and 7 (each candle is stored once).
    sigmas: [0.006, 0.006, 0.006, 0.03, 0.006, 0.05, 0.006, 0.08],
    degradedCycles: [4],
    publish: {
      oracle: ORACLE,
      wallet: Wallet.createRandom() as unknown as Wallet,
      digest: (batch) =>
        keccakText(JSON.stringify(batch, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))),
    },
  });
  storeFlags = [
    '--endpoint',
    dynamodb.endpoint,
    '--table-prefix',
    PREFIX,
    '--oracle',
    ORACLE.address,
    '--chain-id',
    String(ORACLE.chainId),
  ];
});

afterAll(async () => {
  await dynamodb?.stop();
});

describe('ballast history', () => {
  it('prints every record as JSON, oldest first, and a time window', async () => {
    const { code, stdout } = await ballast('history', 'BTC', '--format', 'json', ...storeFlags.slice(0, 4));
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { ts: number; round: string | null }[];
    expect(rows.map((r) => r.ts)).toEqual(seeded.recordTs.get('BTC'));
    expect(rows.filter((r) => r.round !== null).length).toBeGreaterThanOrEqual(2);
    const from = new Date(START + 2 * HOUR_MS).toISOString();
    const window = await ballast(
      'history',
      'btc',
      '--from',
      from,
      '--to',
      String(START + 4 * HOUR_MS + 7_000),
      '--format',
      'json',
      ...storeFlags.slice(0, 4),
    );
    expect((JSON.parse(window.stdout) as { ts: number }[]).map((r) => r.ts)).toEqual(
      seeded.recordTs.get('BTC')?.slice(2, 5),
    );
  });

  it('shows what became of each record on the chain: published, pending, not due, failed (old single-chain records)', async () => {
    // A plain publishError without per-chain marks was written by a single-chain publisher.
    const dynamo = createDynamoClients({ endpoint: dynamodb!.endpoint });
    const before = JSON.parse(
      (await ballast('history', 'BTC', '--format', 'json', ...storeFlags)).stdout,
    ) as {
      ts: number;
      round: string | null;
    }[];
    const failedTs = before.find((r) => r.round === null)?.ts as number;
    expect(failedTs).toBeDefined();
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tableNames(PREFIX).parameters,
        Key: { asset: 'BTC', ts: failedTs },
        UpdateExpression: 'SET publishError = :e',
        ExpressionAttributeValues: { ':e': 'StepTooLarge: BTC lt' },
      }),
    );
    const { stdout } = await ballast('history', 'BTC', '--format', 'json', ...storeFlags);
    const rows = JSON.parse(stdout) as {
      ts: number;
      round: string | null;
      publishDue: boolean;
      chains: {
        chain: string;
        chainId: number;
        status: string;
        round: string | null;
        error: string | null;
      }[];
    }[];
    for (const row of rows) {
      expect(row.chains).toHaveLength(1);
      const [chain] = row.chains;
      expect(chain?.chainId).toBe(31337);
      if (row.ts === failedTs)
        expect(chain).toMatchObject({ status: 'failed', error: 'StepTooLarge: BTC lt' });
      else if (row.round !== null) expect(chain).toMatchObject({ status: 'published', round: row.round });
      else expect(chain?.status).toBe(row.publishDue ? 'pending' : 'not-due');
    }
    expect(rows.filter((r) => r.chains[0]?.status === 'published').length).toBeGreaterThanOrEqual(1);
    const csv = await ballast('history', 'BTC', '--format', 'csv', ...storeFlags);
    expect(csv.stdout.split('\n')[0]).toContain(
      'recordHash,status@31337,round@31337,txHash@31337,block@31337,error@31337',
    );
    const table = await ballast('history', 'BTC', ...storeFlags);
    expect(table.stdout).toContain('chain-31337');
    expect(table.stdout).toContain('failed: StepTooLarge: BTC lt');
  });

  it('prints CSV with a header and one line per record, and a table', async () => {
    const csv = await ballast('history', 'ETH', '--format', 'csv', ...storeFlags.slice(0, 4));
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'collectedAt,asOf,viBps,ltvBps,ltBps,lbBps,publish,degraded,frozen,round,txHash,recordHash',
    );
    expect(lines).toHaveLength(9);
    expect(lines.some((line) => line.split(',')[7] === 'yes')).toBe(true);
    const table = await ballast('history', 'ETH', ...storeFlags.slice(0, 4));
    expect(table.stdout).toContain('8 record(s)');
  });

  it('exits 2 with the flag named for bad input', async () => {
    const format = await ballast('history', 'BTC', '--format', 'xml', ...storeFlags.slice(0, 4));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format');
    const from = await ballast('history', 'BTC', '--from', 'last week', ...storeFlags.slice(0, 4));
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('--from');
    const unknown = await ballast('history', 'DOGE', ...storeFlags.slice(0, 4));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('DOGE');
  });
});

describe('ballast diff', () => {
  it('shows the parameter change and an exact attribution (history + book + control = change)', async () => {
    const [first, , last] = [seeded.rounds[0], seeded.rounds[1], seeded.rounds.at(-1)];
    const { code, stdout, stderr } = await ballast(
      'diff',
      'BTC',
      first ?? '',
      last ?? '',
      '--format',
      'json',
      ...storeFlags,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const diff = JSON.parse(stdout) as {
      params: { param: 'volIndexBps' | 'ltvBps' | 'ltBps' | 'lbBps'; deltaBps: number }[];
      attribution: Record<'history' | 'book' | 'control', Record<string, number>>;
      intermediates: { name: string }[];
    };
    expect(diff.params.some((p) => p.deltaBps !== 0)).toBe(true);
    for (const p of diff.params) {
      const { history, book, control } = diff.attribution;
      expect((history[p.param] ?? NaN) + (book[p.param] ?? NaN) + (control[p.param] ?? NaN)).toBe(p.deltaBps);
    }
    expect(diff.intermediates.map((i) => i.name)).toContain('sigmaFast');
    const text = await ballast('diff', 'BTC', first ?? '', last ?? '', ...storeFlags);
    expect(text.stdout).toContain('what drove it');
    expect(text.stdout).toContain(`round ${first} `);
  });

  it('exits non-zero with a clear message for a bad or unrelated round', async () => {
    const bad = await ballast('diff', 'BTC', 'one', '2', ...storeFlags);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ROUND_A');
    const missing = await ballast('diff', 'BTC', '1', '999', ...storeFlags);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('round 999');
  });
});
