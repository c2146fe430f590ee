/**
 * ExampleLendingMarket on top of the oracle fixture: an 18-decimal collateral token (wETH), a USD
 * debt token (USDX), the owner-set ExamplePriceFeed, and the market for asset ETH. Accounts are
 * anvil dev accounts 3.. (borrowers, a liquidator), funded with tokens.
 */
import type { Contract } from 'ethers';
import { ContractFactory, Interface, Wallet, parseEther, type TransactionReceipt } from 'ethers';
import { expect } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import { anvilDevAccount } from '../../shared/chain/oracle/anvilDevAccount.js';
import { decodeOracleError } from '../../shared/chain/oracle/decodeOracleError.js';
import { loadRiskOracleArtifact } from '../../shared/chain/oracle/loadRiskOracleArtifact.js';
import type { OracleFixture } from './oracleFixture.js';

export interface MarketFixture {
  readonly market: Contract;
  readonly marketAddress: string;
  readonly feed: Contract;
  readonly collateral: Contract;
  readonly debt: Contract;
  /** Borrowers (anvil dev accounts 3, 4, 5), each minted 100 wETH and approving the market. */
  readonly users: Wallet[];
  /** Holds 1,000,000 USDX and approves the market. */
  readonly liquidator: Wallet;
  /** The market as `account`. */
  as(account: Wallet): Contract;
  /** Sets the ETH price in USD (a decimal string, e.g. "2000"). */
  setPrice(usd: string): Promise<void>;
  /** Block number at which the market was deployed. */
  readonly deployBlock: number;
}

export interface StartMarketFixtureParams {
  /** @default 600 */
  readonly maxOracleAge?: number;
  /** @default 300 */
  readonly maxPriceAge?: number;
  /** Debt tokens the market holds to lend. @default 1,000,000 USDX */
  readonly liquidity?: bigint;
}

/**
 * A contract handle whose transactions carry 1.5 × the gas estimate. After evm_revert, anvil can
 * estimate against state that still holds the reverted writes (a zero→non-zero balance estimated as
 * non-zero→non-zero), and ethers sends exactly the estimate: the transaction then runs out of gas
 * on-chain. Reverts still surface at estimation, with their custom error data.
 */
export function withGasMargin(contract: Contract): Contract {
  return new Proxy(contract, {
    get(target, property) {
      if (property === 'connect')
        return (runner: Wallet) => withGasMargin(target.connect(runner) as Contract);
      if (property !== 'getFunction') {
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (name: string) => {
        const fn = target.getFunction(name);
        if (fn.fragment.constant) return fn;
        return async (...args: unknown[]) => {
          const gas = await fn.estimateGas(...args);
          return fn(...args, { gasLimit: gas + gas / 2n });
        };
      };
    },
  });
}

async function deploy(f: OracleFixture, name: string, args: unknown[]): Promise<Contract> {
  const artifact = loadRiskOracleArtifact(name);
  const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, f.deployer);
  const deployed = await factory.deploy(...args);
  await deployed.waitForDeployment();
  return withGasMargin(deployed as Contract);
}

const wait = async (
  tx: Promise<{ wait(): Promise<TransactionReceipt | null> }>,
): Promise<TransactionReceipt> => {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error('transaction was not mined');
  return receipt;
};

export async function startMarketFixture(
  f: OracleFixture,
  { maxOracleAge = 600, maxPriceAge = 300, liquidity = parseEther('1000000') }: StartMarketFixtureParams = {},
): Promise<MarketFixture> {
  const feed = await deploy(f, 'ExamplePriceFeed', [f.deployer.address]);
  const collateral = await deploy(f, 'ExampleToken', ['Wrapped Ether', 'wETH', f.deployer.address]);
  const debt = await deploy(f, 'ExampleToken', ['Example USD', 'USDX', f.deployer.address]);
  const market = await deploy(f, 'ExampleLendingMarket', [
    f.address,
    await feed.getAddress(),
    await collateral.getAddress(),
    await debt.getAddress(),
    assetId('ETH'),
    maxOracleAge,
    maxPriceAge,
  ]);
  const marketAddress = await market.getAddress();
  const deployBlock = (await market.deploymentTransaction()?.wait())?.blockNumber ?? 0;
  const account = (i: number): Wallet => new Wallet(anvilDevAccount(i).privateKey, f.provider);
  const users = [account(3), account(4), account(5)];
  const liquidator = account(6);
  await wait(debt.getFunction('mint')(marketAddress, liquidity));
  await wait(debt.getFunction('mint')(liquidator.address, parseEther('1000000')));
  await wait((debt.connect(liquidator) as Contract).getFunction('approve')(marketAddress, 2n ** 255n));
  for (const user of users) {
    await wait(collateral.getFunction('mint')(user.address, parseEther('100')));
    await wait((collateral.connect(user) as Contract).getFunction('approve')(marketAddress, 2n ** 255n));
    await wait((debt.connect(user) as Contract).getFunction('approve')(marketAddress, 2n ** 255n));
  }
  return {
    market,
    marketAddress,
    feed,
    collateral,
    debt,
    users,
    liquidator,
    as: (who) => market.connect(who) as Contract,
    setPrice: async (usd) => {
      await wait(feed.getFunction('setPrice')(assetId('ETH'), parseEther(usd)));
    },
    deployBlock,
  };
}

/** Sends a transaction and waits for it. */
export { wait };

const interfaces = ['ExampleLendingMarket', 'ExamplePriceFeed', 'ExampleToken'].map(
  (name) => new Interface(loadRiskOracleArtifact(name).abi as never),
);

/** Awaits a call expected to revert with custom error `name` (market, feed, token or oracle); returns its args. */
export async function expectRevert(call: Promise<unknown>, name: string): Promise<Record<string, string>> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected revert ${name}, but the call succeeded`).toBeDefined();
  const oracle = decodeOracleError(caught);
  if (oracle !== undefined) {
    expect(oracle.name).toBe(name);
    return { ...oracle.args };
  }
  const data = findData(caught);
  for (const iface of interfaces) {
    const parsed = data === undefined ? null : iface.parseError(data);
    if (parsed !== null) {
      expect(parsed.name).toBe(name);
      const args: Record<string, string> = {};
      parsed.fragment.inputs.forEach((input, i) => (args[input.name] = String(parsed.args[i])));
      return args;
    }
  }
  throw new Error(`expected revert ${name}, got ${String(caught)}`);
}

function findData(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { data?: unknown; error?: unknown; info?: { error?: unknown } };
  if (typeof e.data === 'string' && e.data.startsWith('0x') && e.data.length >= 10) return e.data;
  for (const nested of [e.data, e.error, e.info?.error]) {
    const found = findData(nested);
    if (found !== undefined) return found;
  }
  return undefined;
}
