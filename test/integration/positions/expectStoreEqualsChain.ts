import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Contract, Provider } from 'ethers';
import { expect } from 'vitest';
import { EXAMPLE_MARKET_TOPICS } from '../../../shared/positions/exampleMarketEvents.js';
import { marketKey } from '../../../shared/positions/marketKey.js';
import { listMarketPositions } from '../../../shared/store/listMarketPositions.js';
import { readPositionsCursor } from '../../../shared/store/readPositionsCursor.js';

export interface ExpectStoreEqualsChainParams {
  readonly provider: Provider;
  readonly chainId: number | bigint;
  /** The ExampleLendingMarket (its `positionOf` is the truth) and its deployment block. */
  readonly market: Contract;
  readonly marketAddress: string;
  readonly deployBlock: number;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Accounts to compare. */
  readonly accounts: readonly string[];
}

/**
 * The indexed store must equal the market's own view of every account, its cursor must be at the
 * head, and it must have counted every market log exactly once. "Truth" is the market (`positionOf`)
 * and the chain's logs, never the indexer's own output.
 */
export async function expectStoreEqualsChain(p: ExpectStoreEqualsChainParams): Promise<void> {
  const key = marketKey(p.chainId, p.marketAddress);
  const cursor = await readPositionsCursor(p.doc, p.tableName, key);
  expect(cursor?.block).toBe(await p.provider.getBlockNumber());
  const stored = new Map(
    (await listMarketPositions(p.doc, p.tableName, key)).map((pos) => [
      pos.account,
      [pos.collateral, pos.debt],
    ]),
  );
  for (const account of p.accounts) {
    const [collateral, debt] = (await p.market.getFunction('positionOf')(account)) as [bigint, bigint];
    const touched = (
      await p.provider.getLogs({
        address: p.marketAddress,
        topics: [[...EXAMPLE_MARKET_TOPICS], `0x${account.slice(2).toLowerCase().padStart(64, '0')}`],
        fromBlock: p.deployBlock,
      })
    ).length;
    expect(stored.get(account), account).toEqual(
      touched === 0 ? undefined : [collateral.toString(), debt.toString()],
    );
  }
  const logs = await p.provider.getLogs({
    address: p.marketAddress,
    topics: [[...EXAMPLE_MARKET_TOPICS]],
    fromBlock: p.deployBlock,
  });
  expect(cursor?.eventsApplied).toBe(logs.length);
}
