/**
 * `ballast verify` and `ballast export-bundle` end to end on a real chain: anvil with a deployed
 * RiskOracle, rounds computed by the real engine (computeStage), signed over the contract's
 * EIP-712 digest and submitted on-chain, stored in DynamoDB Local. Every round verifies; each
 * tampering (stored input, stored output, signature, another key, another contract) fails the
 * check it should, with exit code 1 and a message saying what differs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditBundle } from '../../../../shared/audit/AuditBundle.js';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { batchDigest } from '../../../../shared/chain/oracle/batchDigest.js';
import { configureAssets } from '../../../../shared/chain/oracle/configureAssets.js';
import { deployRiskOracle } from '../../../../shared/chain/oracle/deployRiskOracle.js';
import { submitBatch } from '../../../../shared/chain/oracle/submitBatch.js';
import type { Guardrails } from '../../../../shared/chain/oracle/types.js';
import { registerExportBundleCommand } from '../../../../shared/cli/commands/exportBundle.js';
import { registerVerifyCommand } from '../../../../shared/cli/commands/verify.js';
import defaultAssetsConfig from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { startAnvil, type StartAnvilResult } from '../../../../shared/localstack/startAnvil.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import { createDynamoClients, type DynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { jsonAttribute } from '../../../../shared/store/jsonAttribute.js';
import { oracleKey } from '../../../../shared/store/oracleKey.js';
import { readJsonAttribute } from '../../../../shared/store/readJsonAttribute.js';
import { tableNames, type TableNames } from '../../../../shared/store/tables.js';
import { seedCycles, type SeedCyclesResult } from '../../../fixtures/api/seedCycles.js';
import { seedStartTs } from '../../../fixtures/api/seedStartTs.js';
import { runCliInProcess, type CliRun } from '../../support/runCliInProcess.js';

const ASSETS = ['BTC', 'ETH'];
const WIDE: Guardrails = {
  minVolIndexBps: 0,
  maxVolIndexBps: 65_535,
  minLtvBps: 0,
  maxLtvBps: 10_000,
  minLtBps: 0,
  maxLtBps: 10_000,
  minLbBps: 0,
  maxLbBps: 10_000,
  maxLoosenBps: 2_047,
  maxTightenBps: 2_047,
  minIntervalSec: 0,
};

let anvil: StartAnvilResult | undefined;
let dynamodb: DynamoDbLocal | undefined;
let provider: JsonRpcProvider | undefined;
let dynamo: DynamoClients;
let tables: TableNames;
let prefix: string;
let oracle: { chainId: number; address: string };
let otherContract: string;
let seeded: SeedCyclesResult;
let dir: string;
const signer = Wallet.createRandom();
const intruder = Wallet.createRandom();

async function ballast(...args: string[]): Promise<CliRun> {
  return runCliInProcess([registerVerifyCommand, registerExportBundleCommand], args);
}

const store = (): string[] => ['--endpoint', dynamodb?.endpoint ?? '', '--table-prefix', prefix];
const chainFlags = (): string[] => [
  '--oracle',
  oracle.address,
  '--chain-id',
  String(oracle.chainId),
  '--rpc',
  anvil?.rpcUrl ?? '',
];

/** The status word printed before a check, e.g. `statusOf(out, '(c)')` → 'FAIL'. */
function statusOf(stdout: string, check: string): string | undefined {
  return stdout
    .split('\n')
    .find((line) => line.includes(check))
    ?.trim()
    .split(/\s+/)[0];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ballast-verify-'));
  [anvil, dynamodb] = await Promise.all([startAnvil(), startDynamoDbLocal()]);
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
  const deployer = anvilDevAccount(0, provider);
  // Past whole hours, so every observation is older than the latest block (not in the future).
  const startTs = seedStartTs(6, 6);
  // RiskOracle v2 accepts observations at most 1,919 s old: the chain starts before the seeded
  // cycles and each batch is mined just after its observation time.
  await provider.send('evm_setTime', [Math.floor(startTs / 1000) - 600]);
  await provider.send('evm_mine', []);
  const deployed = await deployRiskOracle({ deployer, signers: [signer.address] });
  await configureAssets(deployed.contract, Object.fromEntries(ASSETS.map((asset) => [asset, WIDE])));
  otherContract = (await deployRiskOracle({ deployer, signers: [signer.address] })).address;
  oracle = { chainId: anvil.chainId, address: deployed.address };
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  prefix = `verify-${randomUUID().slice(0, 8)}`;
  tables = tableNames(prefix);
  await createTables(dynamo.client, tables);
  const domain = { chainId: oracle.chainId, verifyingContract: oracle.address };
  const toBatch = (b: {
    round: bigint;
    observedAt: number;
    assets: readonly { asset: string; volIndexBps: number; ltvBps: number; ltBps: number; lbBps: number }[];
  }) => ({
    round: b.round,
    observedAt: b.observedAt,
    updates: b.assets.map(({ asset, volIndexBps, ltvBps, ltBps, lbBps }) => ({
      asset,
      volIndexBps,
      ltvBps,
      ltBps,
      lbBps,
    })),
  });
  seeded = await seedCycles({
    dynamo,
    tables,
    config: parseAssetsConfig(defaultAssetsConfig, 'assets.default.json'),
    assets: ASSETS,
    startTs,
    cycles: 6,
    // A volatility shock in the newest candle of cycles 1, 3 and 5 (each candle is stored once).
    sigmas: [0.006, 0.03, 0.006, 0.05, 0.006, 0.08],
    publish: {
      oracle,
      wallet: new Wallet(signer.privateKey),
      digest: (b) => batchDigest(domain, toBatch(b)),
      submit: async (b, signature) => {
        await provider?.send('evm_setNextBlockTimestamp', [b.observedAt + 1]);
        const tx = await submitBatch(deployed.contract, toBatch(b), [{ signer: signer.address, signature }]);
        const receipt = await tx.wait();
        if (receipt === null || receipt.status !== 1) throw new Error(`round ${b.round} was not mined`);
        return { txHash: receipt.hash, blockNumber: receipt.blockNumber };
      },
    },
  });
}, 120_000);

afterAll(async () => {
  provider?.destroy();
  await Promise.all([anvil?.stop(), dynamodb?.stop()]);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('ballast verify on untouched rounds', () => {
  it('every round passes every check, from DynamoDB and the chain', async () => {
    expect(seeded.rounds.length).toBeGreaterThanOrEqual(4);
    const { code, stdout, stderr } = await ballast('verify', '--all', ...store(), ...chainFlags());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.match(/=> VERIFIED/g)).toHaveLength(seeded.rounds.length);
    expect(stdout).not.toMatch(/^\s+(FAIL|SKIP)/m);
    expect(stdout).toContain(`all ${seeded.rounds.length} rounds verified`);
  });

  it('finds a round by its transaction hash', async () => {
    const item = await dynamo.doc.send(
      new GetCommand({
        TableName: tables.publications,
        Key: { oracle: oracleKey(oracle.chainId, oracle.address), round: 2 },
      }),
    );
    const { code, stdout } = await ballast(
      'verify',
      '--tx',
      item.Item?.txHash as string,
      ...store(),
      ...chainFlags(),
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { round: string; ok: boolean; checks: { status: string }[] };
    expect(result.round).toBe('2');
    expect(result.checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
  });

  it('export-bundle writes a bundle that verifies offline (chain checks skipped) and against the chain', async () => {
    const file = join(dir, 'round-3.json');
    const exported = await ballast(
      'export-bundle',
      '--round',
      '3',
      '--out',
      file,
      ...store(),
      '--oracle',
      oracle.address,
      '--chain-id',
      String(oracle.chainId),
    );
    expect(exported.code).toBe(0);
    const offline = await ballast('verify', '--bundle', file);
    expect(offline.code).toBe(0);
    expect(statusOf(offline.stdout, '(a) signatures')).toBe('PASS');
    expect(statusOf(offline.stdout, '(b)')).toBe('SKIP');
    expect(statusOf(offline.stdout, '(d)')).toBe('PASS');
    const online = await ballast('verify', '--bundle', file, '--rpc', anvil?.rpcUrl ?? '');
    expect(online.code).toBe(0);
    expect(statusOf(online.stdout, '(b)')).toBe('PASS');
    expect(statusOf(online.stdout, '(a) signers authorised')).toBe('PASS');
  });
});

describe('ballast verify on tampered rounds', () => {
  /** Round → { asset, recordTs } of its first published asset. */
  async function firstAssetOf(round: number): Promise<{ asset: string; recordTs: number }> {
    const { Item } = await dynamo.doc.send(
      new GetCommand({
        TableName: tables.publications,
        Key: { oracle: oracleKey(oracle.chainId, oracle.address), round },
      }),
    );
    return (Item?.assets as { asset: string; recordTs: number }[])[0] ?? { asset: '', recordTs: 0 };
  }

  it('a changed stored input fails (c)', async () => {
    const { asset, recordTs } = await firstAssetOf(2);
    const { Item } = await dynamo.doc.send(
      new GetCommand({ TableName: tables.snapshots, Key: { asset, ts: recordTs } }),
    );
    // One bid of the book the engine read (candles live in their own table since issue 20).
    // The snapshot is one Brotli JSON attribute (snapshotBr, shared/store/jsonAttribute.ts).
    const stored = readJsonAttribute(Item!, 'snapshot') as { inputs: { book: { bids: number[][] } } };
    const bid = stored.inputs.book.bids[0]!;
    bid[1] = (bid[1] ?? 0) * 1.01;
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tables.snapshots,
        Key: { asset, ts: recordTs },
        UpdateExpression: 'SET snapshotBr = :s',
        ExpressionAttributeValues: { ':s': jsonAttribute('snapshot', stored).snapshotBr },
      }),
    );
    const { code, stdout, stderr } = await ballast('verify', '--round', '2', ...store(), ...chainFlags());
    expect(code).toBe(1);
    expect(statusOf(stdout, '(c)')).toBe('FAIL');
    expect(statusOf(stdout, '(a) signatures')).toBe('PASS');
    expect(statusOf(stdout, '(b)')).toBe('PASS');
    expect(stdout).toContain(`${asset}: sha256(canonicalJson(stored inputs)) is`);
    expect(stderr).toContain('round 2: (c) inputs hash matches the stored inputs');
  });

  it('a changed stored output fails (d)', async () => {
    const { asset, recordTs } = await firstAssetOf(3);
    const { Item } = await dynamo.doc.send(
      new GetCommand({ TableName: tables.parameters, Key: { asset, ts: recordTs } }),
    );
    // Records are stored as Brotli JSON (recordBr, shared/store/jsonAttribute.ts).
    const record = readJsonAttribute(Item!, 'record') as { candidate: { ltBps: number } };
    record.candidate.ltBps += 50;
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tables.parameters,
        Key: { asset, ts: recordTs },
        UpdateExpression: 'SET recordBr = :r',
        ExpressionAttributeValues: { ':r': jsonAttribute('record', record).recordBr },
      }),
    );
    const { code, stdout } = await ballast('verify', '--round', '3', ...store(), ...chainFlags());
    expect(code).toBe(1);
    expect(statusOf(stdout, '(d)')).toBe('FAIL');
    expect(statusOf(stdout, '(c)')).toBe('PASS');
    expect(stdout).toContain(
      `${asset}: signed ltBps ${record.candidate.ltBps - 50} differs from the record's candidate ${record.candidate.ltBps}`,
    );
  });

  it('a changed stored signature fails (a)', async () => {
    const key = { oracle: oracleKey(oracle.chainId, oracle.address), round: 1 };
    const { Item } = await dynamo.doc.send(new GetCommand({ TableName: tables.publications, Key: key }));
    const signature = (Item?.signatures as string[])[0] ?? '';
    const flipped = `${signature.slice(0, 20)}${signature[20] === 'a' ? 'b' : 'a'}${signature.slice(21)}`;
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tables.publications,
        Key: key,
        UpdateExpression: 'SET signatures = :s',
        ExpressionAttributeValues: { ':s': [flipped] },
      }),
    );
    const { code, stdout } = await ballast('verify', '--round', '1', ...store(), ...chainFlags());
    expect(code).toBe(1);
    expect(statusOf(stdout, '(a) signatures')).toBe('FAIL');
    expect(statusOf(stdout, '(d)')).toBe('PASS');
  });

  it('a signature by another key (signer record forged too) fails (a): not authorised on the contract', async () => {
    const file = join(dir, 'round-4.json');
    expect(
      (
        await ballast(
          'export-bundle',
          '--round',
          '4',
          '--out',
          file,
          ...store(),
          '--oracle',
          oracle.address,
          '--chain-id',
          String(oracle.chainId),
        )
      ).code,
    ).toBe(0);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as AuditBundle;
    const forged = {
      ...bundle,
      publication: {
        ...bundle.publication,
        signer: intruder.address,
        signatures: [intruder.signingKey.sign(bundle.publication.batchDigest).serialized],
      },
    };
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const { code, stdout } = await ballast(
      'verify',
      '--bundle',
      join(dir, 'forged.json'),
      '--rpc',
      anvil?.rpcUrl ?? '',
    );
    expect(code).toBe(1);
    expect(statusOf(stdout, '(a) signers authorised')).toBe('FAIL');
    expect(stdout).toContain(`${intruder.address} is not an authorised signer of ${oracle.address}`);
  });

  it('pointing at another contract fails (a) and (b)', async () => {
    const { code, stdout } = await ballast(
      'verify',
      '--bundle',
      join(dir, 'round-4.json'),
      '--oracle',
      otherContract,
      '--chain-id',
      String(oracle.chainId),
      '--rpc',
      anvil?.rpcUrl ?? '',
    );
    expect(code).toBe(1);
    expect(statusOf(stdout, '(a) signatures')).toBe('FAIL');
    expect(statusOf(stdout, '(b)')).toBe('FAIL');
    expect(stdout).toContain(`not ${otherContract} on chain ${oracle.chainId}`);
    expect(statusOf(stdout, '(d)')).toBe('PASS');
  });

  it('a deleted snapshot fails (c) and (d) as missing stored data, not a crash', async () => {
    const { asset, recordTs } = await firstAssetOf(4);
    await dynamo.doc.send(new DeleteCommand({ TableName: tables.snapshots, Key: { asset, ts: recordTs } }));
    const { code, stdout } = await ballast('verify', '--round', '4', ...store(), ...chainFlags());
    expect(code).toBe(1);
    expect(statusOf(stdout, '(c)')).toBe('FAIL');
    expect(statusOf(stdout, '(d)')).toBe('FAIL');
    expect(stdout).toContain(`stored data is missing: no snapshot for ${asset}`);
  });

  it('exits 2 naming the flag for bad input', async () => {
    const both = await ballast('verify', '--round', '1', '--bundle', 'x.json');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --round, --tx, --bundle, --all or --deep');
    const tx = await ballast('verify', '--tx', '0x12', ...store());
    expect(tx.code).toBe(2);
    expect(tx.stderr).toContain('--tx');
    const missing = await ballast('verify', '--bundle', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
