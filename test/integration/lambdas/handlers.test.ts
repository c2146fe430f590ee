import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import { riskOracleContract } from '../../../shared/chain/oracle/riskOracleContract.js';
import { JsonRpcProvider } from 'ethers';
import { loadAssetsConfigFile } from '../../../shared/cli/loadAssetsConfigFile.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { createDynamoClients } from '../../../shared/store/createDynamoClients.js';
import { listAlertEntries } from '../../../shared/store/listAlertEntries.js';
import { putPushedPositions } from '../../../shared/store/putPushedPositions.js';
import { redriveDeadLetter } from '../../../shared/store/redriveDeadLetter.js';
import { readCyclePrices } from '../../../shared/store/readCyclePrices.js';
import { tableNames } from '../../../shared/store/tables.js';
import { startSnsStandIn, type SnsStandIn } from '../../fixtures/aws/startSnsStandIn.js';
import { lambdaContext } from '../support/lambdaContext.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

describe('the Lambda handlers, invoked as the Step Functions workflow invokes them', () => {
  let t: TestStack;
  let collect: Handler;
  let compute: Handler;
  let publish: Handler;
  let monitor: Handler;
  let sns: SnsStandIn;
  /** The cycle the first test publishes: the monitor's input after it. */
  let cycle: { startedAt: string; records: { asset: string; ts: number; publishDue: boolean }[] } | undefined;
  const ALERTS_TOPIC = 'arn:aws:sns:us-east-1:000000000000:ballast-test-alerts';

  beforeAll(async () => {
    // The shipped assets plus one pair, so the cross-asset step has a pair to publish.
    const config = parseAssetsConfig({ ...loadAssetsConfigFile(), pairs: { 'SOL/BTC': {} } }, 'test');
    [t, sns] = await Promise.all([startTestStack(config), startSnsStandIn()]);
    // The environment the CDK stack sets, pointed at the local stack (RPC URLs from plain env
    // here; in AWS they come from the SSM SecureString named by BALLAST_RPC_URLS_PARAM).
    Object.assign(process.env, {
      BALLAST_TABLE_PREFIX: t.state.dynamodb.tablePrefix,
      BALLAST_DYNAMODB_ENDPOINT: t.state.dynamodb.endpoint,
      BALLAST_VENUE_BASE_URL: t.state.exchange.baseUrl,
      BALLAST_KMS_ENDPOINT: t.state.kms.endpoint,
      BALLAST_KMS_KEY_ID: t.state.kms.keyId,
      BALLAST_ORACLE_ADDRESS: t.state.oracle.address,
      BALLAST_CHAIN_ID: String(t.state.anvil.chainId),
      BALLAST_RPC_URLS: t.state.anvil.rpcUrl,
      BALLAST_ASSETS_CONFIG_JSON: JSON.stringify(config),
      // The monitor's alerts topic: the SNS stand-in on 127.0.0.1 answers for it.
      BALLAST_ALERTS_TOPIC_ARN: ALERTS_TOPIC,
      BALLAST_SNS_ENDPOINT: sns.endpoint,
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    // Imported after the environment is set: each handler builds its clients once, at import.
    collect = (await import('../../../lambdas/collect/handler.js')).handler as unknown as Handler;
    compute = (await import('../../../lambdas/compute/handler.js')).handler as unknown as Handler;
    publish = (await import('../../../lambdas/publish/handler.js')).handler as unknown as Handler;
    monitor = (await import('../../../lambdas/monitor/handler.js')).handler as unknown as Handler;
  });
  afterAll(async () => {
    for (const name of ['BALLAST_ASSETS_CONFIG_JSON', 'BALLAST_ALERTS_TOPIC_ARN', 'BALLAST_SNS_ENDPOINT'])
      delete process.env[name];
    await Promise.all([t?.stop(), sns?.stop()]);
  });

  it('collect → compute (per asset) → publish puts the parameters on-chain', async () => {
    const startedAt = new Date().toISOString();
    const items = await Promise.all(
      ['BTC', 'SOL'].map(async (asset, i) => {
        const collected = (await collect({ asset, startedAt }, lambdaContext(`collect-${i}`))) as {
          asset: string;
          ts: number;
          degraded: boolean;
        };
        expect(collected).toMatchObject({ asset, degraded: false });
        return (await compute(collected, lambdaContext(`compute-${i}`))) as {
          asset: string;
          ts: number;
          publishDue: boolean;
        };
      }),
    );
    expect(items.every((item) => item.publishDue)).toBe(true);
    // The cross-asset step (compute, `{ records }`): the pair from its legs, the cycle's correlations.
    const cross = (await compute({ startedAt, records: items }, lambdaContext('cross-1'))) as {
      records: { asset: string; ts: number; publishDue: boolean }[];
      correlations: string;
    };
    expect(cross.correlations).toBe('stored');
    expect(cross.records.slice(0, 2)).toEqual(items);
    expect(cross.records[2]).toMatchObject({ asset: 'SOL/BTC', publishDue: true });
    // A retried step (same input) writes nothing new and answers the same records.
    expect(await compute({ startedAt, records: items }, lambdaContext('cross-2'))).toEqual(cross);
    const records = cross.records;
    cycle = { startedAt, records };
    const published = (await publish({ startedAt, records }, lambdaContext('publish-1'))) as {
      status: string;
      round?: string;
      txHash?: string;
    };
    expect(published).toMatchObject({ status: 'published', round: '1' });
    expect(published.txHash).toMatch(/^0x[0-9a-f]{64}$/);

    const provider = new JsonRpcProvider(t.state.anvil.rpcUrl, undefined, { cacheTimeout: -1 });
    const oracle = riskOracleContract({ address: t.state.oracle.address, runner: provider });
    for (const asset of ['BTC', 'SOL', 'SOL/BTC']) expect(await readLatest(oracle, asset)).toBeDefined();
    provider.destroy();

    // A retried publish (Step Functions retry, same input) finds nothing left to do.
    expect(await publish({ startedAt, records }, lambdaContext('publish-2'))).toEqual({
      status: 'nothing-due',
    });
  });

  it('monitor after publish: one alert per position that crossed its alert level, to the alerts topic, never twice', async () => {
    expect(cycle, 'the cycle test publishes first').toBeDefined();
    const dynamo = createDynamoClients({ endpoint: t.state.dynamodb.endpoint });
    const tables = tableNames(t.state.dynamodb.tablePrefix);
    // Independent of the monitor: BTC's LT on-chain and the cycle's BTC reference price.
    const provider = new JsonRpcProvider(t.state.anvil.rpcUrl, undefined, { cacheTimeout: -1 });
    const lt =
      (await readLatest(riskOracleContract({ address: t.state.oracle.address, runner: provider }), 'BTC'))!
        .ltBps / 10_000;
    provider.destroy();
    const price = (await readCyclePrices(dynamo, tables, cycle!.records)).BTC!;
    // HF = 1 BTC × price × LT / debt: 1.05 (under its 1.10 alert level, above 1) and 3 (safe).
    await putPushedPositions(dynamo, tables, {
      protocol: 'lend-t',
      now: Date.now(),
      positions: [
        { account: '0xrisky', collateral: { BTC: 1 }, debt: { USD: (price * lt) / 1.05 }, alertLevel: 1.1 },
        { account: '0xsafe', collateral: { BTC: 1 }, debt: { USD: (price * lt) / 3 }, alertLevel: 1.1 },
      ],
    });
    const first = (await monitor(cycle, lambdaContext('monitor-1'))) as Record<string, unknown>;
    expect(first).toMatchObject({ transitions: 1, delivered: 1, deadLettered: 0, pending: 0 });
    expect(sns.published).toHaveLength(1);
    const [message] = sns.published;
    expect(message!.topicArn).toBe(ALERTS_TOPIC);
    const alert = JSON.parse(message!.message) as { id: string; position: string; state: string; hf: number };
    expect(alert).toMatchObject({
      type: 'ballast.position.alert',
      position: 'push:lend-t/0xrisky',
      state: 'below-alert',
    });
    expect(alert.hf).toBeCloseTo(1.05, 6);
    expect(message!.attributes).toEqual({
      type: 'ballast.position.alert',
      state: 'below-alert',
      previousState: 'ok',
      position: 'push:lend-t/0xrisky',
    });
    // A retried step (same input): the state holds, nothing is sent again.
    expect(await monitor(cycle, lambdaContext('monitor-2'))).toMatchObject({ transitions: 0, delivered: 0 });
    expect(sns.published).toHaveLength(1);

    // SNS fails while the position becomes liquidatable (HF 0.9): five attempts (the monitor's
    // backoff, 1 + 2 + 4 + 8 s), then a dead letter, counted for the alerts-dead-lettered alarm.
    await putPushedPositions(dynamo, tables, {
      protocol: 'lend-t',
      now: Date.now(),
      positions: [
        { account: '0xrisky', collateral: { BTC: 1 }, debt: { USD: (price * lt) / 0.9 }, alertLevel: 1.1 },
      ],
    });
    sns.failing = true;
    expect(await monitor(cycle, lambdaContext('monitor-3'))).toMatchObject({
      transitions: 1,
      delivered: 0,
      deadLettered: 1,
      pending: 0,
    });
    expect(sns.attempts).toBe(1 + 5);
    const [dead] = await listAlertEntries(dynamo, tables, 'dead');
    expect(dead?.message).toMatchObject({ position: 'push:lend-t/0xrisky', state: 'liquidatable' });
    expect(dead?.lastError).toMatch(/InternalError|the SNS stand-in is failing/);
    // SNS is back; the operator redrives (docs/operations.md): the next run delivers it once, same id.
    sns.failing = false;
    expect(await redriveDeadLetter(dynamo, tables, dead!)).toBe(true);
    expect(await monitor(cycle, lambdaContext('monitor-4'))).toMatchObject({ transitions: 0, delivered: 1 });
    expect(sns.published).toHaveLength(2);
    expect((JSON.parse(sns.published[1]!.message) as { id: string }).id).toBe(dead!.id);
    dynamo.client.destroy();
  }, 120_000);

  it('rejects a malformed event with the field named, before any work', async () => {
    await expect(collect({ startedAt: 'x' }, lambdaContext('bad-1'))).rejects.toThrow(
      /invalid collect event: asset: /,
    );
    await expect(compute({ asset: 'BTC', ts: 'soon' }, lambdaContext('bad-2'))).rejects.toThrow(
      /invalid compute event: ts: /,
    );
    await expect(compute({ records: [{ asset: 'BTC', ts: 1 }] }, lambdaContext('bad-2b'))).rejects.toThrow(
      /invalid compute event: records\.0\.publishDue: /,
    );
    await expect(publish({ records: [{ asset: 'BTC' }] }, lambdaContext('bad-3'))).rejects.toThrow(
      /invalid publish event: records\.0\.ts: .*records\.0\.publishDue: /,
    );
    await expect(monitor({ records: [] }, lambdaContext('bad-5'))).rejects.toThrow(
      /invalid monitor event: records: /,
    );
  });

  it('names an unconfigured asset', async () => {
    await expect(collect({ asset: 'DOGE' }, lambdaContext('bad-4'))).rejects.toThrow(
      /asset "DOGE" is not configured; configured assets are BTC, ETH, SOL, XRP, BNB/,
    );
  });
});
