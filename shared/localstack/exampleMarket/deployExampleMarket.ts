import type { Contract } from 'ethers';
import { ContractFactory, parseEther, type Provider, type Signer } from 'ethers';
import { anvilDevAccount } from '../../chain/oracle/anvilDevAccount.js';
import { assetId } from '../../chain/oracle/assetId.js';
import { loadRiskOracleArtifact } from '../../chain/oracle/loadRiskOracleArtifact.js';
import { marketKey } from '../../positions/marketKey.js';
import type { DynamoClients } from '../../store/createDynamoClients.js';
import { registerPositionSource } from '../../store/registerPositionSource.js';
import type { TableNames } from '../../store/tables.js';

/** Anvil dev accounts that hold the seeded positions (3..8; 0 deploys, 1–2 are left to users). */
export const EXAMPLE_BORROWER_ACCOUNTS = [3, 4, 5, 6, 7, 8] as const;
/** Collateral each seeded borrower deposits, whole tokens. @default 10 */
export const EXAMPLE_COLLATERAL_PER_BORROWER = 10;
/**
 * Oracle and price ages the local market accepts, seconds: 30 days, so a replay stepping a day per
 * cycle keeps working (a real market uses minutes). @default 2_592_000
 */
export const EXAMPLE_MAX_AGE_SEC = 30 * 86_400;

/** The example market the local stack runs, as recorded in the stack state. */
export interface ExampleMarketInfo {
  readonly address: string;
  readonly feed: string;
  readonly collateralToken: string;
  readonly debtToken: string;
  /** Ballast asset of the collateral. */
  readonly asset: string;
  readonly startBlock: number;
  readonly borrowers: readonly string[];
}

export interface DeployExampleMarketParams {
  readonly provider: Provider;
  readonly chainId: number;
  readonly oracleAddress: string;
  /** Collateral asset (a configured Ballast asset). */
  readonly asset: string;
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
}

async function deploy(deployer: Signer, name: string, args: unknown[]): Promise<Contract> {
  const artifact = loadRiskOracleArtifact(name);
  const deployed = await new ContractFactory(artifact.abi as never, artifact.bytecode, deployer).deploy(
    ...args,
  );
  await deployed.waitForDeployment();
  return deployed as Contract;
}

async function send(contract: Contract, fn: string, ...args: unknown[]): Promise<void> {
  // A fixed limit: anvil's exact estimate was seen to fall short on a loaded machine.
  const tx = (await contract.getFunction(fn)(...args, { gasLimit: 500_000 })) as { wait(): Promise<unknown> };
  await tx.wait();
}

/**
 * Deploys contracts/examples/ on the local chain: a price feed, an 18-decimal collateral token and
 * a USD debt token, and an ExampleLendingMarket for `asset` reading the RiskOracle; funds it with
 * 10,000,000 USD tokens to lend, has each seeded borrower deposit collateral (no debt yet: borrowing
 * needs published parameters, see seedExampleBorrows), and registers the market as a position
 * source so the indexer and the health factors read it (docs/positions.md).
 */
export async function deployExampleMarket({
  provider,
  chainId,
  oracleAddress,
  asset,
  dynamo,
  tables,
}: DeployExampleMarketParams): Promise<ExampleMarketInfo> {
  const deployer = anvilDevAccount(0, provider);
  const owner = await deployer.getAddress();
  const feed = await deploy(deployer, 'ExamplePriceFeed', [owner]);
  const collateral = await deploy(deployer, 'ExampleToken', [`Example ${asset}`, `x${asset}`, owner]);
  const debt = await deploy(deployer, 'ExampleToken', ['Example USD', 'xUSD', owner]);
  const market = await deploy(deployer, 'ExampleLendingMarket', [
    oracleAddress,
    await feed.getAddress(),
    await collateral.getAddress(),
    await debt.getAddress(),
    assetId(asset),
    EXAMPLE_MAX_AGE_SEC,
    EXAMPLE_MAX_AGE_SEC,
  ]);
  const address = await market.getAddress();
  const startBlock = (await market.deploymentTransaction()?.wait())?.blockNumber ?? 0;
  await send(debt, 'mint', address, parseEther('10000000'));
  const amount = parseEther(String(EXAMPLE_COLLATERAL_PER_BORROWER));
  const borrowers: string[] = [];
  for (const index of EXAMPLE_BORROWER_ACCOUNTS) {
    const borrower = anvilDevAccount(index, provider);
    borrowers.push(borrower.address);
    await send(collateral, 'mint', borrower.address, amount);
    await send(collateral.connect(borrower) as Contract, 'approve', address, amount);
    await send(market.connect(borrower) as Contract, 'deposit', amount);
  }
  await registerPositionSource(dynamo, tables, {
    kind: 'market',
    market: marketKey(chainId, address),
    chainId,
    address,
    collateralAsset: asset,
    debtAsset: 'USD',
    collateralDecimals: 18,
    debtDecimals: 18,
    startBlock,
  });
  return {
    address,
    feed: await feed.getAddress(),
    collateralToken: await collateral.getAddress(),
    debtToken: await debt.getAddress(),
    asset,
    startBlock,
    borrowers,
  };
}
