import { Contract, parseUnits, type Provider } from 'ethers';
import { anvilDevAccount } from '../../chain/oracle/anvilDevAccount.js';
import { assetId } from '../../chain/oracle/assetId.js';
import { loadRiskOracleArtifact } from '../../chain/oracle/loadRiskOracleArtifact.js';
import { readLatest } from '../../chain/oracle/readLatest.js';
import { syncMarketPositions } from '../../positions/syncMarketPositions.js';
import type { DynamoClients } from '../../store/createDynamoClients.js';
import type { TableNames } from '../../store/tables.js';
import { EXAMPLE_BORROWER_ACCOUNTS, type ExampleMarketInfo } from './deployExampleMarket.js';

/**
 * Health factors the seeded borrowers open at, one per borrower: from the edge of the LTV (a
 * target below LT / LTV is raised to it) to comfortable. @default [1.03, 1.06, 1.09, 1.15, 1.3, 2]
 */
export const EXAMPLE_SEED_HEALTH = [1.03, 1.06, 1.09, 1.15, 1.3, 2] as const;

/**
 * Gas limit of the keeper's and borrowers' transactions. ethers sends exactly anvil's estimate,
 * which on a loaded machine was seen to fall short (a borrow reverted out of gas with no data);
 * these calls use under 150,000. @default 500_000
 */
const KEEPER_GAS_LIMIT = 500_000;

export interface TendExampleMarketParams {
  readonly provider: Provider;
  readonly chainId: number;
  readonly oracleAddress: string;
  readonly market: ExampleMarketInfo;
  /** This cycle's reference price of the market's asset, USD; null leaves the feed as it is. */
  readonly referencePrice: number | null;
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
}

export interface TendExampleMarketResult {
  /** Borrowers who opened their debt in this call, with the HF (the market's own view) they opened at. */
  readonly seeded: readonly { readonly account: string; readonly healthFactor: number }[];
  /** Market events the indexer applied. */
  readonly indexed: number;
}

/**
 * What a keeper and the borrowers of the local example market do between two cycles: set the
 * feed's price to Ballast's reference price (so the market and the health factors see one price),
 * open the seeded borrowers' debts at EXAMPLE_SEED_HEALTH once the oracle holds parameters for
 * the asset, and run the positions indexer to the chain head (in AWS it runs on its own schedule).
 */
export async function tendExampleMarket({
  provider,
  chainId,
  oracleAddress,
  market,
  referencePrice,
  dynamo,
  tables,
}: TendExampleMarketParams): Promise<TendExampleMarketResult> {
  const owner = anvilDevAccount(0, provider);
  const feed = new Contract(market.feed, loadRiskOracleArtifact('ExamplePriceFeed').abi as never, owner);
  const lending = new Contract(
    market.address,
    loadRiskOracleArtifact('ExampleLendingMarket').abi as never,
    provider,
  );
  if (referencePrice !== null && referencePrice > 0) {
    const tx = (await feed.getFunction('setPrice')(
      assetId(market.asset),
      parseUnits(referencePrice.toFixed(8), 18),
      { gasLimit: KEEPER_GAS_LIMIT },
    )) as { wait(): Promise<unknown> };
    await tx.wait();
  }
  const seeded: { account: string; healthFactor: number }[] = [];
  const params = await readLatest({ address: oracleAddress, runner: provider }, market.asset);
  const hasPrice = await feed
    .getFunction('latestPrice')(assetId(market.asset))
    .then(() => true)
    .catch(() => false);
  if (params !== undefined && params.ltvBps > 0 && hasPrice) {
    const [priceWad] = (await feed.getFunction('latestPrice')(assetId(market.asset))) as [bigint, bigint];
    for (const [i, account] of market.borrowers.entries()) {
      const [collateral, debt] = (await lending.getFunction('positionOf')(account)) as [bigint, bigint];
      if (debt > 0n || collateral === 0n) continue;
      const value = (collateral * priceWad) / 10n ** 18n;
      const maxDebt = (value * BigInt(params.ltvBps)) / 10_000n - 1n;
      const target = EXAMPLE_SEED_HEALTH[i % EXAMPLE_SEED_HEALTH.length] as number;
      const wanted =
        (value * BigInt(params.ltBps) * 1_000_000n) / (10_000n * BigInt(Math.round(target * 1_000_000)));
      const amount = wanted < maxDebt ? wanted : maxDebt;
      const borrower = anvilDevAccount(EXAMPLE_BORROWER_ACCOUNTS[i] ?? 0, provider);
      const tx = (await (lending.connect(borrower) as Contract).getFunction('borrow')(amount, {
        gasLimit: KEEPER_GAS_LIMIT,
      })) as {
        wait(): Promise<unknown>;
      };
      await tx.wait();
      const hf = (await lending.getFunction('healthFactor')(account)) as bigint;
      seeded.push({ account, healthFactor: Number(hf) / 1e18 });
    }
  }
  let indexed = 0;
  for (let step = 0; step < 1_000; step++) {
    const result = await syncMarketPositions({
      provider,
      doc: dynamo.doc,
      tableName: tables.positions,
      chainId,
      market: market.address,
      startBlock: market.startBlock,
    });
    if (result.kind === 'applied') indexed += result.events;
    if (result.kind === 'up-to-date') break;
  }
  return { seeded, indexed };
}
