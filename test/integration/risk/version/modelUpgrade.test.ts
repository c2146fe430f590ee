/**
 * Model upgrade (docs/methodology.md §8.3): rounds computed and published on a real chain under the
 * v1 engine, then the release upgrades to v2 and the pipeline continues from the v1 state. Every v1
 * round still passes `ballast verify` (the verifier recomputes each record with the engine of the
 * version it names), and the new rounds verify under v2.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { batchDigest } from '../../../../shared/chain/oracle/batchDigest.js';
import { configureAssets } from '../../../../shared/chain/oracle/configureAssets.js';
import { deployRiskOracle } from '../../../../shared/chain/oracle/deployRiskOracle.js';
import { submitBatch } from '../../../../shared/chain/oracle/submitBatch.js';
import type { Guardrails } from '../../../../shared/chain/oracle/types.js';
import { registerVerifyCommand } from '../../../../shared/cli/commands/verify.js';
import type { AssetsConfig } from '../../../../shared/config/assetsConfig.js';
import defaultAssetsConfig from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { startAnvil, type StartAnvilResult } from '../../../../shared/localstack/startAnvil.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import { MODEL_VERSION_V1, MODEL_VERSION_V2 } from '../../../../shared/risk/version/modelVersions.js';
import { v1ConfigOf } from '../../../../shared/risk/version/v1ConfigOf.js';
import { createDynamoClients, type DynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { tableNames, type TableNames } from '../../../../shared/store/tables.js';
import { seedCycles, type SeedCyclesResult } from '../../../fixtures/api/seedCycles.js';
import { seedStartTs } from '../../../fixtures/api/seedStartTs.js';
import { runCliInProcess } from '../../support/runCliInProcess.js';

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
let underV1: SeedCyclesResult;
let underV2: SeedCyclesResult;
const signer = Wallet.createRandom();

beforeAll(async () => {
  [anvil, dynamodb] = await Promise.all([startAnvil(), startDynamoDbLocal()]);
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
  const deployer = anvilDevAccount(0, provider);
  const startTs = seedStartTs(4, 8);
  await provider.send('evm_setTime', [Math.floor(startTs / 1000) - 600]);
  await provider.send('evm_mine', []);
  const deployed = await deployRiskOracle({ deployer, signers: [signer.address] });
  await configureAssets(deployed.contract, Object.fromEntries(ASSETS.map((asset) => [asset, WIDE])));
  oracle = { chainId: anvil.chainId, address: deployed.address };
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  prefix = `upgrade-${randomUUID().slice(0, 8)}`;
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
  const publish = {
    oracle,
    wallet: new Wallet(signer.privateKey),
    digest: (b: Parameters<typeof toBatch>[0]) => batchDigest(domain, toBatch(b)),
    submit: async (b: Parameters<typeof toBatch>[0], signature: string) => {
      await provider?.send('evm_setNextBlockTimestamp', [b.observedAt + 1]);
      const tx = await submitBatch(deployed.contract, toBatch(b), [{ signer: signer.address, signature }]);
      const receipt = await tx.wait();
      if (receipt === null || receipt.status !== 1) throw new Error(`round ${b.round} was not mined`);
      return { txHash: receipt.hash, blockNumber: receipt.blockNumber };
    },
  };
  const v2Config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
  // The config as the v1 release resolved the same file (its records carry it).
  const v1Config: AssetsConfig = {
    ...v2Config,
    assets: Object.fromEntries(Object.entries(v2Config.assets).map(([a, c]) => [a, v1ConfigOf(c)])),
  };
  underV1 = await seedCycles({
    dynamo,
    tables,
    config: v1Config,
    assets: ASSETS,
    startTs,
    cycles: 3,
    sigmas: [0.006, 0.012, 0.02],
    modelVersion: MODEL_VERSION_V1,
    publish,
  });
  // The upgrade: same tables, same chain, the pipeline continues from the v1 heads under v2.
  underV2 = await seedCycles({
    dynamo,
    tables,
    config: v2Config,
    assets: ASSETS,
    startTs: startTs + 3 * HOUR_MS,
    cycles: 3,
    sigmas: [0.02, 0.006, 0.006],
    modelVersion: MODEL_VERSION_V2,
    continues: underV1.market,
    firstRound: underV1.rounds.length,
    publish,
  });
}, 180_000);

afterAll(async () => {
  provider?.destroy();
  await Promise.all([anvil?.stop(), dynamodb?.stop()]);
});

async function versionOf(asset: string, ts: number): Promise<string> {
  const { Item } = await dynamo.doc.send(
    new GetCommand({ TableName: tables.parameters, Key: { asset, ts } }),
  );
  return Item?.modelVersion as string;
}

describe('model upgrade v1 → v2', () => {
  it('stores v1 records before the upgrade and v2 records after it', async () => {
    expect(underV1.rounds.length).toBeGreaterThanOrEqual(1);
    expect(underV2.rounds.length).toBeGreaterThanOrEqual(1);
    for (const asset of ASSETS) {
      for (const ts of underV1.recordTs.get(asset)!)
        expect(await versionOf(asset, ts)).toBe(MODEL_VERSION_V1);
      for (const ts of underV2.recordTs.get(asset)!)
        expect(await versionOf(asset, ts)).toBe(MODEL_VERSION_V2);
    }
  });

  it('every round, published under v1 or v2, passes every check of ballast verify', async () => {
    const { code, stdout, stderr } = await runCliInProcess(
      [registerVerifyCommand],
      [
        'verify',
        '--all',
        '--endpoint',
        dynamodb?.endpoint ?? '',
        '--table-prefix',
        prefix,
        '--oracle',
        oracle.address,
        '--chain-id',
        String(oracle.chainId),
        '--rpc',
        anvil?.rpcUrl ?? '',
      ],
    );
    expect(stderr).toBe('');
    const total = underV1.rounds.length + underV2.rounds.length;
    expect(stdout.match(/=> VERIFIED/g)).toHaveLength(total);
    expect(stdout).toContain(`model ${MODEL_VERSION_V1}`);
    expect(stdout).toContain(`model ${MODEL_VERSION_V2}`);
    expect(code).toBe(0);
  });
});
