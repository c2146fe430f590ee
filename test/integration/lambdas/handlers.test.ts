import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import { riskOracleContract } from '../../../shared/chain/oracle/riskOracleContract.js';
import { JsonRpcProvider } from 'ethers';
import { loadAssetsConfigFile } from '../../../shared/cli/loadAssetsConfigFile.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { lambdaContext } from '../support/lambdaContext.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

describe('the Lambda handlers, invoked as the Step Functions workflow invokes them', () => {
  let t: TestStack;
  let collect: Handler;
  let compute: Handler;
  let publish: Handler;

  beforeAll(async () => {
    // The shipped assets plus one pair, so the cross-asset step has a pair to publish.
    const config = parseAssetsConfig({ ...loadAssetsConfigFile(), pairs: { 'SOL/BTC': {} } }, 'test');
    t = await startTestStack(config);
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
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    // Imported after the environment is set: each handler builds its clients once, at import.
    collect = (await import('../../../lambdas/collect/handler.js')).handler as unknown as Handler;
    compute = (await import('../../../lambdas/compute/handler.js')).handler as unknown as Handler;
    publish = (await import('../../../lambdas/publish/handler.js')).handler as unknown as Handler;
  });
  afterAll(async () => {
    delete process.env.BALLAST_ASSETS_CONFIG_JSON;
    await t?.stop();
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
  });

  it('names an unconfigured asset', async () => {
    await expect(collect({ asset: 'DOGE' }, lambdaContext('bad-4'))).rejects.toThrow(
      /asset "DOGE" is not configured; configured assets are BTC, ETH, SOL, XRP, BNB/,
    );
  });
});
