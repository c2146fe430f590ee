import { riskConfigOf } from '../config/riskConfigOf.js';
import { riskIds } from '../config/riskIds.js';
import { JsonRpcProvider, parseEther, toQuantity } from 'ethers';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { guardrailsFromAssetConfig } from '../chain/oracle/guardrailsFromAssetConfig.js';
import { buildContracts } from '../../contracts/build.js';
import { KmsSigner } from '../chain/kms/KmsSigner.js';
import { createKmsClient } from '../chain/kms/createKmsClient.js';
import { anvilDevAccount } from '../chain/oracle/anvilDevAccount.js';
import { configureAssets } from '../chain/oracle/configureAssets.js';
import { deployRiskOracle } from '../chain/oracle/deployRiskOracle.js';
import { createDynamoClients } from '../store/createDynamoClients.js';
import { createTables } from '../store/createTables.js';
import { tableNames } from '../store/tables.js';
import { createLocalKmsKey } from './kms/createLocalKmsKey.js';
import { deployExampleMarket, type ExampleMarketInfo } from './exampleMarket/deployExampleMarket.js';

export interface BootstrapLocalStackParams {
  readonly stack: {
    readonly anvil: { readonly rpcUrl: string };
    /** Every chain of a multi-chain stack (the first is `anvil`); each gets its own RiskOracle. */
    readonly chains?: readonly { readonly rpcUrl: string }[];
    readonly dynamodb: { readonly endpoint: string };
    readonly kms: { readonly endpoint: string };
  };
  readonly assets: AssetsConfig;
  /** A replay: tables without expiry (items are dated in the past). @default false */
  readonly replay?: boolean;
  /** @default "ballast" */
  readonly tablePrefix?: string;
  /**
   * On-chain minimum seconds between two updates of an asset. Local runs cycle every few seconds.
   * @default 1
   */
  readonly minIntervalSec?: number;
  /**
   * Deploy the example lending market (contracts/examples/) for ETH (or the first configured asset)
   * with seeded borrowers, registered as a position source (docs/positions.md). @default true
   */
  readonly exampleMarket?: boolean;
}

export interface BootstrapLocalStackResult {
  readonly tablePrefix: string;
  /** The KMS key the oracle signs with (its alias). */
  readonly keyId: string;
  readonly signerAddress: string;
  /** The RiskOracle on the first chain. */
  readonly oracleAddress: string;
  /** The RiskOracle on each chain of `stack.chains` (or on `anvil` alone), in order. */
  readonly oracleAddresses: readonly string[];
  readonly market?: ExampleMarketInfo;
}

/**
 * Prepares a fresh local stack the way an operator prepares AWS: the tables, a secp256k1 KMS key,
 * the signer's address funded for gas, and the RiskOracle deployed with that address as its only
 * signer and every configured asset's guardrails set.
 */
export async function bootstrapLocalStack({
  stack,
  assets,
  tablePrefix = 'ballast',
  minIntervalSec = 1,
  replay = false,
  exampleMarket = true,
}: BootstrapLocalStackParams): Promise<BootstrapLocalStackResult> {
  const dynamo = createDynamoClients({ endpoint: stack.dynamodb.endpoint });
  const kmsClient = createKmsClient({ endpoint: stack.kms.endpoint });
  try {
    // The contract artifacts are build outputs: compile when the sources changed (a hash check otherwise).
    buildContracts();
    const [, key] = await Promise.all([
      createTables(dynamo.client, tableNames(tablePrefix), { timeToLive: !replay }),
      createLocalKmsKey({ client: kmsClient, alias: 'alias/ballast-oracle' }),
    ]);
    const signerAddress = await new KmsSigner({ client: kmsClient, keyId: key.signerKeyId }).getAddress();
    // Assets and pairs (docs/cross-asset.md): a pair's guardrails come from its resolved config.
    const guardrails = Object.fromEntries(
      riskIds(assets)
        .map((asset) => [asset, riskConfigOf(assets, asset)!] as const)
        .map(([asset, config]) => [
          asset,
          // Same bounds and step limits as in AWS; only the interval is short, for cycles seconds apart.
          {
            ...guardrailsFromAssetConfig({ asset: config, cyclePeriodSeconds: assets.cyclePeriodSeconds }),
            minIntervalSec,
          },
        ]),
    );
    // One signer key for every chain: the same records, one EIP-712 domain per chain and contract.
    // The example lending market lives on the first chain.
    const deployed = await Promise.all(
      (stack.chains ?? [stack.anvil]).map(async ({ rpcUrl }, index) => {
        const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
        try {
          // The signer pays for its own transactions; anvil mints the balance.
          await provider.send('anvil_setBalance', [signerAddress, toQuantity(parseEther('100'))]);
          const deployer = anvilDevAccount(0, provider);
          const { address, contract } = await deployRiskOracle({
            deployer,
            signers: [signerAddress],
            threshold: 1,
          });
          await configureAssets(contract, guardrails);
          const marketAsset = 'ETH' in assets.assets ? 'ETH' : Object.keys(assets.assets)[0];
          const market =
            index === 0 && exampleMarket && marketAsset !== undefined
              ? await deployExampleMarket({
                  provider,
                  chainId: Number((await provider.getNetwork()).chainId),
                  oracleAddress: address,
                  asset: marketAsset,
                  dynamo,
                  tables: tableNames(tablePrefix),
                })
              : undefined;
          return { address, market };
        } finally {
          provider.destroy();
        }
      }),
    );
    const oracleAddresses = deployed.map((d) => d.address);
    const market = deployed[0]?.market;
    return {
      tablePrefix,
      keyId: key.signerKeyId,
      signerAddress,
      oracleAddress: oracleAddresses[0] as string,
      oracleAddresses,
      ...(market === undefined ? {} : { market }),
    };
  } finally {
    dynamo.client.destroy();
    kmsClient.destroy();
  }
}
