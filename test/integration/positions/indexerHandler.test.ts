/**
 * The positions indexer Lambda handler (lambdas/indexer) invoked for real against anvil and
 * DynamoDB Local: it indexes a market in runs cut by its time budget, resumes after its process is
 * SIGKILLed at a commit (before or after DynamoDB applied it), reports each market's lag, indexes
 * the markets it can when one chain is unreachable, and names the bad field of its config.
 * syncMarketPositions.test.ts covers the indexer step itself (event types, races, reorgs); this
 * file covers what the handler adds. Truth is the market's `positionOf` and the chain's logs.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { parseEther, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { EXAMPLE_MARKET_TOPICS } from '../../../shared/positions/exampleMarketEvents.js';
import { marketKey } from '../../../shared/positions/marketKey.js';
import { createDynamoClients, type DynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createPositionsTable } from '../../../shared/store/createPositionsTable.js';
import { positionsTableName } from '../../../shared/store/positionsTableName.js';
import { readPositionsCursor } from '../../../shared/store/readPositionsCursor.js';
import { startMarketFixture, wait, type MarketFixture } from '../../contracts/marketFixture.js';
import { startOracleFixture, type OracleFixture } from '../../contracts/oracleFixture.js';
import { lambdaContext } from '../support/lambdaContext.js';
import { expectStoreEqualsChain } from './expectStoreEqualsChain.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
interface Outcome {
  market: string;
  status: string;
  steps: number;
  events: number;
  block?: number;
  target?: number;
  lagBlocks?: number;
}

const e = (n: string): bigint => parseEther(n);
const DAY = 86_400;
const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

describe('lambdas/indexer (ExampleLendingMarket on anvil, DynamoDB Local)', () => {
  let f: OracleFixture;
  let m: MarketFixture;
  let dynamodb: DynamoDbLocal | undefined;
  let dynamo: DynamoClients;
  let users: Wallet[];
  const prefix = `idx-${Date.now().toString(36)}`;
  const tableName = positionsTableName(prefix);
  let env: Record<string, string>;
  let handler: Handler;

  const market = (): string => marketKey(f.anvil.chainId, m.marketAddress);
  const marketConfig = () => ({
    chainId: Number(f.anvil.chainId),
    address: m.marketAddress,
    startBlock: m.deployBlock,
    // Two blocks per step: many commits, so a kill lands in the middle of a run.
    maxBlockRange: 2,
    collateralAsset: 'ETH',
  });
  /** Imports a fresh copy of the handler with `markets` as its configuration (module state reset). */
  const importHandler = async (markets: unknown): Promise<Handler> => {
    Object.assign(process.env, env, { BALLAST_POSITION_MARKETS_JSON: JSON.stringify(markets) });
    vi.resetModules();
    return (await import('../../../lambdas/indexer/handler.js')).handler as unknown as Handler;
  };
  const storeEqualsChain = (): Promise<void> =>
    expectStoreEqualsChain({
      provider: f.provider,
      chainId: f.anvil.chainId,
      market: m.market,
      marketAddress: m.marketAddress,
      deployBlock: m.deployBlock,
      doc: dynamo.doc,
      tableName,
      accounts: users.map((u) => u.address),
    });
  /** Market logs in [deployBlock, toBlock]: what a cursor at `toBlock` must have counted. */
  const logsUpTo = async (toBlock: number): Promise<number> =>
    (
      await f.provider.getLogs({
        address: m.marketAddress,
        topics: [[...EXAMPLE_MARKET_TOPICS]],
        fromBlock: m.deployBlock,
        toBlock,
      })
    ).length;
  /** Runs the handler in a child process that SIGKILLs itself at its Nth commit. */
  const runKilledAt = (when: 'before' | 'after', nth: number) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join('test', 'integration', 'support', 'killIndexerAtCommit.ts'),
        when,
        String(nth),
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env, BALLAST_POSITION_MARKETS_JSON: JSON.stringify([marketConfig()]) },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
  /** One event per block for each user: deposits and withdrawals. */
  const someEvents = async (rounds: number): Promise<void> => {
    for (let i = 0; i < rounds; i++) {
      for (const user of users) await wait(m.as(user).getFunction('deposit')(e('2')));
      await wait(m.as(users[i % users.length]!).getFunction('withdraw')(e('1')));
    }
  };

  beforeAll(async () => {
    [f, dynamodb] = await Promise.all([startOracleFixture(), startDynamoDbLocal()]);
    m = await startMarketFixture(f, { maxOracleAge: DAY, maxPriceAge: DAY });
    users = m.users;
    dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
    await createPositionsTable(dynamo.client, tableName);
    env = {
      BALLAST_TABLE_PREFIX: prefix,
      BALLAST_DYNAMODB_ENDPOINT: dynamodb.endpoint,
      BALLAST_RPC_URLS: f.anvil.rpcUrl,
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    };
    await f.submit({
      round: 1n,
      observedAt: await f.now(),
      updates: [{ asset: 'ETH', volIndexBps: 7_000, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 }],
    });
    await m.setPrice('2000');
    await someEvents(4);
    await wait(m.as(users[0]!).getFunction('borrow')(e('1000')));
    handler = await importHandler([marketConfig()]);
  }, 120_000);
  afterAll(async () => {
    for (const name of Object.keys(env ?? {})) delete process.env[name];
    delete process.env.BALLAST_POSITION_MARKETS_JSON;
    dynamo?.client.destroy();
    await Promise.all([f?.stop(), dynamodb?.stop()]);
  });

  it('resumes after its process is killed at a commit, before or after DynamoDB applied it', async () => {
    const head = await f.provider.getBlockNumber();
    // Killed right after its 3rd commit reached DynamoDB: three ranges are stored, counted once.
    const after = runKilledAt('after', 3);
    expect(after.signal, after.stderr).toBe('SIGKILL');
    const first = await readPositionsCursor(dynamo.doc, tableName, market());
    expect(first?.block).toBe(m.deployBlock + 5); // three ranges of two blocks from the deployment block
    expect(first?.eventsApplied).toBe(await logsUpTo(first!.block));
    // A restarted process, killed before its 2nd commit: its 1st is stored, the 2nd never happened.
    const before = runKilledAt('before', 2);
    expect(before.signal, before.stderr).toBe('SIGKILL');
    const second = await readPositionsCursor(dynamo.doc, tableName, market());
    expect(second?.block).toBe(first!.block + 2);
    expect(second?.eventsApplied).toBe(await logsUpTo(second!.block));
    expect(second!.block).toBeLessThan(head);

    // The next scheduled run continues from the stored cursor: nothing skipped, nothing twice.
    const result = (await handler({}, lambdaContext('indexer-1'))) as { markets: Outcome[] };
    expect(result.markets).toEqual([
      expect.objectContaining({
        market: market(),
        status: 'up-to-date',
        block: head,
        target: head,
        lagBlocks: 0,
      }),
    ]);
    await storeEqualsChain();
  });

  it('stops between steps when its time runs short, reports the lag, and the next run catches up', async () => {
    await someEvents(2);
    const head = await f.provider.getBlockNumber();
    const from = (await readPositionsCursor(dynamo.doc, tableName, market()))!.block;
    // The remaining time drops below the stop margin after a few reads (middy reads it once too).
    let reads = 0;
    const shortOnTime = lambdaContext('indexer-2', () => (++reads <= 3 ? 60_000 : 5_000));
    const cut = (await handler({}, shortOnTime)) as { markets: Outcome[] };
    const cursor = await readPositionsCursor(dynamo.doc, tableName, market());
    // Each step applied one range of two blocks; the run stopped short of the head.
    expect(cut.markets).toEqual([
      expect.objectContaining({
        market: market(),
        status: 'out-of-time',
        steps: (cursor!.block - from) / 2,
        block: cursor?.block,
        target: head,
        lagBlocks: head - cursor!.block,
      }),
    ]);
    expect(cut.markets[0]!.steps).toBeGreaterThan(0);
    expect(cut.markets[0]!.lagBlocks).toBeGreaterThan(0);
    expect(cursor?.eventsApplied).toBe(await logsUpTo(cursor!.block));

    const caughtUp = (await handler({}, lambdaContext('indexer-3'))) as { markets: Outcome[] };
    expect(caughtUp.markets[0]).toMatchObject({ status: 'up-to-date', lagBlocks: 0 });
    await storeEqualsChain();
  });

  it('leaves `confirmations` blocks unread behind the head and reports the lag against head − confirmations', async () => {
    await someEvents(1);
    const head = await f.provider.getBlockNumber();
    const confirming = await importHandler([{ ...marketConfig(), confirmations: 3 }]);
    const result = (await confirming({}, lambdaContext('indexer-4'))) as { markets: Outcome[] };
    expect(result.markets[0]).toMatchObject({
      status: 'up-to-date',
      block: head - 3,
      target: head - 3,
      lagBlocks: 0,
    });
    expect((await readPositionsCursor(dynamo.doc, tableName, market()))?.block).toBe(head - 3);
  });

  it('indexes the markets it can and fails naming the one whose chain it cannot reach', async () => {
    await wait(m.as(users[1]!).getFunction('deposit')(e('3')));
    // A market on chain 1: the only RPC URL serves anvil's chain, so FailoverRpc refuses it.
    const elsewhere = { ...marketConfig(), chainId: 1, address: `0x${'ab'.repeat(20)}` };
    const both = await importHandler([marketConfig(), elsewhere]);
    await expect(both({}, lambdaContext('indexer-5'))).rejects.toThrow(
      new RegExp(
        `1 of 2 markets could not be indexed: ${marketKey(1, elsewhere.address)}: none of the 1 RPC endpoints answered`,
      ),
    );
    await storeEqualsChain();
  });

  it('refuses a bad markets config, naming each field and what is allowed', async () => {
    const bad = await importHandler([
      { ...marketConfig(), address: '0x1234', startBlock: -1, collateralAsset: 'eth', extra: true },
    ]);
    const error = await bad({}, lambdaContext('indexer-6')).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/invalid configuration in BALLAST_POSITION_MARKETS_JSON: 4 problems/);
    for (const field of [
      '0.address: an EVM address',
      '0.startBlock: ',
      '0.collateralAsset: an asset id',
      '0: ',
    ])
      expect(error?.message).toContain(field);
  });
});
