/**
 * The positions indexer against a real ExampleLendingMarket on anvil and DynamoDB Local: it follows
 * every event from the deployment block, resumes after a kill before or after its commit without
 * skipping or double counting, refuses a second concurrent writer, and repairs a 3-block reorg.
 * "Truth" is the market itself (`positionOf`) and the chain's logs, never the indexer's own output.
 */
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseEther, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import {
  syncMarketPositions,
  type SyncMarketPositionsParams,
  type SyncMarketPositionsResult,
} from '../../../shared/positions/syncMarketPositions.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { PositionsCursorMovedError } from '../../../shared/store/errors.js';
import { createPositionsTable } from '../../../shared/store/createPositionsTable.js';
import { positionsTableName } from '../../../shared/store/positionsTableName.js';
import { startMarketFixture, wait, type MarketFixture } from '../../contracts/marketFixture.js';
import { startOracleFixture, type OracleFixture } from '../../contracts/oracleFixture.js';
import { expectStoreEqualsChain as expectStoreEqualsChainOf } from './expectStoreEqualsChain.js';

const e = (n: string): bigint => parseEther(n);
const DAY = 86_400;

describe('syncMarketPositions (ExampleLendingMarket on anvil, DynamoDB Local)', () => {
  let f: OracleFixture;
  let m: MarketFixture;
  let dynamodb: DynamoDbLocal | undefined;
  let dynamo: DynamoClients;
  let tableName: string;
  let alice: Wallet;
  let bob: Wallet;
  let carol: Wallet;

  const params = (overrides: Partial<SyncMarketPositionsParams> = {}): SyncMarketPositionsParams => ({
    provider: f.provider,
    doc: dynamo.doc,
    tableName,
    chainId: f.anvil.chainId,
    market: m.marketAddress,
    startBlock: m.deployBlock,
    ...overrides,
  });
  /** Runs steps until the indexer reports it is at the head; returns every step's result. */
  const syncToHead = async (overrides: Partial<SyncMarketPositionsParams> = {}) => {
    const results: SyncMarketPositionsResult[] = [];
    for (let i = 0; i < 1_000; i++) {
      const result = await syncMarketPositions(params(overrides));
      results.push(result);
      if (result.kind === 'up-to-date') return results;
    }
    throw new Error('the indexer did not reach the head in 1,000 steps');
  };
  /** The store must equal the market's own view of every account, and count every log exactly once. */
  const expectStoreEqualsChain = (): Promise<void> =>
    expectStoreEqualsChainOf({
      provider: f.provider,
      chainId: f.anvil.chainId,
      market: m.market,
      marketAddress: m.marketAddress,
      deployBlock: m.deployBlock,
      doc: dynamo.doc,
      tableName,
      accounts: [alice, bob, carol].map((user) => user.address),
    });
  /** A document client that dies at the next transaction, before or after it reaches DynamoDB. */
  const killedAtCommit = (when: 'before' | 'after'): DynamoDBDocumentClient =>
    new Proxy(dynamo.doc, {
      get(target, property) {
        if (property === 'send') {
          return async (command: unknown) => {
            if (command instanceof TransactWriteCommand) {
              if (when === 'after') await target.send(command);
              throw new Error(`killed ${when} the commit`);
            }
            return target.send(command as never);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });

  beforeAll(async () => {
    [f, dynamodb] = await Promise.all([startOracleFixture(), startDynamoDbLocal()]);
    m = await startMarketFixture(f, { maxOracleAge: DAY, maxPriceAge: DAY });
    [alice, bob, carol] = m.users as [Wallet, Wallet, Wallet];
    dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
    tableName = positionsTableName(`positions-${Date.now().toString(36)}`);
    await createPositionsTable(dynamo.client, tableName);
    await f.submit({
      round: 1n,
      observedAt: await f.now(),
      updates: [{ asset: 'ETH', volIndexBps: 7_000, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 }],
    });
    await m.setPrice('2000');
  }, 120_000);
  afterAll(async () => {
    dynamo?.client.destroy();
    await Promise.all([f?.stop(), dynamodb?.stop()]);
  });

  it('follows every event type from the deployment block, in short ranges', async () => {
    await wait(m.as(alice).getFunction('deposit')(e('10')));
    await wait(m.as(bob).getFunction('deposit')(e('5')));
    await wait(m.as(alice).getFunction('borrow')(e('5000')));
    await wait(m.as(bob).getFunction('borrow')(e('2000')));
    await wait(m.as(alice).getFunction('repay')(alice.address, e('1000')));
    await wait(m.as(carol).getFunction('deposit')(e('1')));
    await wait(m.as(carol).getFunction('withdraw')(e('1'))); // a position back at zero stays listed
    await m.setPrice('400'); // alice: 10 × 400 × 0.8 = 3,200 < 4,000 of debt
    await wait(m.as(m.liquidator).getFunction('liquidate')(alice.address, e('1000')));
    const results = await syncToHead({ maxBlockRange: 4 });
    expect(results.filter((r) => r.kind === 'applied').length).toBeGreaterThan(3);
    expect(results.reduce((sum, r) => sum + (r.kind === 'applied' ? r.events : 0), 0)).toBe(8);
    await expectStoreEqualsChain();
  });

  it('resumes after a kill before or after its commit, without skipping or counting twice', async () => {
    await m.setPrice('2000');
    await wait(m.as(bob).getFunction('repay')(bob.address, e('500')));
    await wait(m.as(carol).getFunction('deposit')(e('3')));
    await expect(syncMarketPositions(params({ doc: killedAtCommit('before') }))).rejects.toThrow(
      'killed before the commit',
    );
    await wait(m.as(carol).getFunction('borrow')(e('100')));
    await expect(syncMarketPositions(params({ doc: killedAtCommit('after') }))).rejects.toThrow(
      'killed after the commit',
    );
    // A fresh indexer (a restarted process) continues from the stored cursor.
    await syncToHead();
    await expectStoreEqualsChain();
  });

  it('lets only one of two indexers commit a range: the other writes nothing', async () => {
    await wait(m.as(alice).getFunction('deposit')(e('1')));
    let raced: Promise<SyncMarketPositionsResult> | undefined;
    const racing = new Proxy(dynamo.doc, {
      get(target, property) {
        if (property === 'send') {
          return async (command: unknown) => {
            // The other indexer commits the same range first.
            if (command instanceof TransactWriteCommand && raced === undefined) {
              raced = syncMarketPositions(params());
              await raced;
            }
            return target.send(command as never);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(syncMarketPositions(params({ doc: racing }))).rejects.toThrow(PositionsCursorMovedError);
    expect((await raced)?.kind).toBe('applied');
    await expectStoreEqualsChain();
  });

  it('repairs a 3-block reorg: orphaned events undone, the new chain applied', async () => {
    await syncToHead();
    const forkBlock = await f.provider.getBlockNumber();
    const snapshot = await f.snapshot();
    // Three blocks that will be orphaned, applied by the indexer.
    await wait(m.as(alice).getFunction('withdraw')(e('0.5')));
    await wait(m.as(bob).getFunction('deposit')(e('7')));
    await wait(m.as(carol).getFunction('repay')(carol.address, e('100')));
    expect(await f.provider.getBlockNumber()).toBe(forkBlock + 3);
    await syncToHead();
    await expectStoreEqualsChain();

    // The chain reorganises: the three blocks are replaced by four different ones.
    await f.revert(snapshot);
    await wait(m.as(bob).getFunction('borrow')(e('10')));
    await wait(m.as(carol).getFunction('deposit')(e('0.25')));
    await f.provider.send('evm_mine', []);
    await f.provider.send('evm_mine', []);
    expect(await f.provider.getBlockNumber()).toBe(forkBlock + 4);

    const results = await syncToHead();
    const reorg = results.find((r) => r.kind === 'reorg');
    expect(reorg).toMatchObject({ kind: 'reorg', forkBlock, orphanedEvents: 3 });
    expect(new Set(reorg?.kind === 'reorg' ? reorg.repaired : [])).toEqual(
      new Set([alice.address, bob.address, carol.address]),
    );
    await expectStoreEqualsChain();
  });
});
