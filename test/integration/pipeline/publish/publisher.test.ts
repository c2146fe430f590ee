import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { metrics } from '../../../../shared/observability/powertools.js';
import { createKmsClient } from '../../../../shared/chain/kms/createKmsClient.js';
import { KmsSigner } from '../../../../shared/chain/kms/KmsSigner.js';
import type { KmsRetryEvent } from '../../../../shared/chain/kms/withKmsRetry.js';
import { FeeCapExceededError } from '../../../../shared/chain/fees/errors.js';
import { publishStage, type PublishStageResult } from '../../../../shared/pipeline/publish/publishStage.js';
import { ChainIdMismatchError, RpcUnavailableError } from '../../../../shared/chain/rpc/errors.js';
import { FailoverRpc } from '../../../../shared/chain/rpc/FailoverRpc.js';
import { freePort } from '../../../../shared/localstack/freePort.js';
import { startAnvil, type StartAnvilResult } from '../../../../shared/localstack/startAnvil.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../../shared/localstack/createLocalPublisherContext.js';
import type { RiskRecord } from '../../../../shared/risk/types.js';
import { getRiskRecord } from '../../../../shared/store/getRiskRecord.js';
import { acquireLease } from '../../../../shared/store/acquireLease.js';
import { releaseLease } from '../../../../shared/store/releaseLease.js';
import { getLedgerEntry } from '../../../fixtures/store/getLedgerEntry.js';
import { ledgerSender } from '../../../../shared/store/ledgerSender.js';
import {
  advanceChainClock,
  chainRounds,
  computeDueRecords,
  guardrailsFor,
  putDueRecord,
  setGuardrails,
} from './publisherFixtures.js';
import { startTestStack, type TestStack } from '../../support/startTestStack.js';

const ASSETS = ['BTC', 'ETH', 'SOL', 'XRP', 'BNB'];

/**
 * A record time the contract accepts after the previous batch: ≥ 1 s later (minIntervalSec). The
 * contract measures the interval on block time, and two blocks within one wall-clock second share
 * a timestamp: the chain is moved a second ahead as well.
 */
let lastTs = 0;
let advanceChainSecond: () => Promise<unknown> = () => Promise.resolve();
async function nextTs(): Promise<number> {
  await advanceChainSecond();
  const due = lastTs + 1_000;
  // Pacing, not an assertion: the next observation must be a second after the previous one.
  if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
  lastTs = Date.now();
  return lastTs;
}

function mined(result: PublishStageResult): Extract<PublishStageResult, { signer: string }> {
  if (result.status !== 'mined') throw new Error(`expected a mined round, got ${JSON.stringify(result)}`);
  return result as Extract<PublishStageResult, { signer: string }>;
}

describe('publisher on the local stack (anvil, DynamoDB Local, local KMS)', () => {
  let t: TestStack;
  let context: LocalPublisherContext;
  let records: Record<string, RiskRecord>;
  const signs = (): number => t.stack.kms.requestCounts().Sign ?? 0;

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config);
    advanceChainSecond = () => advanceChainClock(context);
  });
  afterAll(async () => {
    context?.close();
    await t?.stop();
  });

  it('publishes five assets in one batch with exactly two KMS Sign calls (batch digest + transaction), as many as for one asset', async () => {
    const computed = await computeDueRecords(context, ASSETS);
    records = computed.records;
    expect(computed.params.records.every((r) => r.publishDue)).toBe(true);
    lastTs = Math.max(...computed.params.records.map((r) => r.ts));

    const before = signs();
    const five = mined(await publishStage(context, computed.params));
    const fiveSigns = signs() - before;
    expect(five.round).toBe('1');
    expect(five.assets.map((a) => a.asset)).toEqual([...ASSETS].sort());
    expect(fiveSigns).toBe(2);

    const one = await putDueRecord(context, records.BTC as RiskRecord, 'BTC', await nextTs());
    const beforeOne = signs();
    const single = mined(await publishStage(context, { records: [one] }));
    expect(single.round).toBe('2');
    expect(signs() - beforeOne).toBe(fiveSigns);

    // Every record carries the round that published it.
    for (const asset of ASSETS) {
      const stored = await getRiskRecord(context.dynamo, context.tables, {
        asset,
        ts: computed.params.records.find((r) => r.asset === asset)?.ts ?? 0,
      });
      expect(stored.round).toBe('1');
    }
    expect(await chainRounds(context)).toMatchObject({ lastRound: 2n, events: 2 });
  });

  it('fails over from a closed endpoint to the next one and publishes', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const failover = createLocalPublisherContext(t.state, t.config, {
      rpcUrls: [closed, t.state.anvil.rpcUrl],
    });
    const moves: [number, number][] = [];
    failover.rpc.onFailover = (from, to) => moves.push([from, to]);
    try {
      const record = await putDueRecord(failover, records.ETH as RiskRecord, 'ETH', await nextTs());
      const result = mined(await publishStage(failover, { records: [record] }));
      expect(result.round).toBe('3');
      expect(moves[0]).toEqual([0, 1]);
    } finally {
      failover.close();
    }
  });

  describe('an endpoint serving another chain id', () => {
    let other: StartAnvilResult;
    beforeAll(async () => {
      other = await startAnvil({ chainId: 31_338 });
    });
    afterAll(async () => {
      await other?.stop();
    });

    it('is refused with ChainIdMismatchError when it is the only endpoint', async () => {
      const rpc = new FailoverRpc([other.rpcUrl], t.state.anvil.chainId);
      try {
        const error = await rpc.call((p) => p.getBlockNumber()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RpcUnavailableError);
        expect((error as RpcUnavailableError).cause).toBeInstanceOf(ChainIdMismatchError);
        expect(String((error as RpcUnavailableError).cause)).toMatch(/serves chain 31338, expected 31337/);
      } finally {
        rpc.destroy();
      }
    });

    it('is skipped in favour of the next endpoint, which publishes', async () => {
      const skipping = createLocalPublisherContext(t.state, t.config, {
        rpcUrls: [other.rpcUrl, t.state.anvil.rpcUrl],
      });
      const errors: unknown[] = [];
      skipping.rpc.onFailover = (_from, _to, error) => errors.push(error);
      try {
        const record = await putDueRecord(skipping, records.SOL as RiskRecord, 'SOL', await nextTs());
        expect(mined(await publishStage(skipping, { records: [record] })).round).toBe('4');
        expect(errors[0]).toBeInstanceOf(ChainIdMismatchError);
        // The wrong chain saw no transaction from the oracle's signer.
        const signer = await skipping.signer.getAddress();
        const wrong = new FailoverRpc([other.rpcUrl], 31_338);
        expect(await wrong.call((p) => p.getTransactionCount(signer))).toBe(0);
        wrong.destroy();
      } finally {
        skipping.close();
      }
    });
  });

  it('records a guardrail rejection with its decoded reason on the record, sends nothing, and the next batch publishes', async () => {
    const eth = records.ETH as RiskRecord;
    const config = t.config.assets.ETH;
    if (config === undefined) throw new Error('ETH is not in the test config');
    // The owner narrows ETH's LTV bounds so the candidate is out of them.
    await setGuardrails(t.state.anvil.rpcUrl, t.state.oracle.address, 'ETH', {
      ...guardrailsFor(config, 1),
      minLtvBps: 0,
      maxLtvBps: eth.candidate.ltvBps - 100,
    });
    const signer = await context.signer.getAddress();
    const nonceBefore = await context.rpc.call((p) => p.getTransactionCount(signer));

    const record = await putDueRecord(context, eth, 'ETH', await nextTs());
    const result = await publishStage(context, { records: [record] });
    expect(result.status).toBe('rejected');
    if (result.status !== 'rejected') return;
    expect(result.error).toMatch(
      /^ParameterOutOfBounds: ETH ltvBps = \d+ is outside its bounds \[0, \d+\] bp$/,
    );
    const { Item } = await context.dynamo.doc.send(
      new GetCommand({ TableName: context.tables.parameters, Key: { asset: 'ETH', ts: record.ts } }),
    );
    expect(Item?.['publishError@31337']).toBe(result.error);
    expect(Item?.round).toBeUndefined();
    expect(await context.rpc.call((p) => p.getTransactionCount(signer))).toBe(nonceBefore);

    const btc = await putDueRecord(context, records.BTC as RiskRecord, 'BTC', await nextTs());
    expect(mined(await publishStage(context, { records: [btc] })).round).toBe('5');
  });

  it('publishes the rest of a batch when one asset is out of its guardrails, and records that asset as rejected', async () => {
    const ts = await nextTs();
    const due = [
      await putDueRecord(context, records.ETH as RiskRecord, 'ETH', ts),
      await putDueRecord(context, records.XRP as RiskRecord, 'XRP', ts),
    ];
    const result = mined(await publishStage(context, { records: due }));
    expect(result.round).toBe('6');
    expect(result.assets.map((a) => a.asset)).toEqual(['XRP']);
    expect(result.rejected).toEqual([
      { asset: 'ETH', error: expect.stringMatching(/^ParameterOutOfBounds: ETH/) },
    ]);
    const { Item } = await context.dynamo.doc.send(
      new GetCommand({ TableName: context.tables.parameters, Key: { asset: 'ETH', ts } }),
    );
    expect(Item?.['publishError@31337']).toMatch(/^ParameterOutOfBounds: ETH/);
  });

  it('lets only one of two overlapping invocations send: the other is busy, and the content is published once', async () => {
    const due = [await putDueRecord(context, records.BNB as RiskRecord, 'BNB', await nextTs())];
    const second = { ...context, invocationId: randomUUID() };
    let overlapping: PublishStageResult | undefined;
    const first = {
      ...context,
      invocationId: randomUUID(),
      // The second invocation starts while the first has just broadcast and holds the lease.
      hooks: {
        afterBroadcast: async () => void (overlapping = await publishStage(second, { records: due })),
      },
    };
    const result = mined(await publishStage(first, { records: due }));
    expect(result.round).toBe('7');
    expect(overlapping).toMatchObject({ status: 'busy' });
    // Run again once the lease is free: the content is on-chain, nothing is sent twice.
    expect(await publishStage(second, { records: due })).toMatchObject({ status: 'nothing-due' });
    expect(await chainRounds(context)).toMatchObject({ lastRound: 7n, events: 7 });
  });

  it('emits batch size, gas, signer balance and per-asset staleness on a publish step, and staleness also when nothing is due', async () => {
    const added: [string, number][] = [];
    const addMetric = vi.spyOn(metrics, 'addMetric').mockImplementation((name, _unit, value) => {
      added.push([name, value]);
      return metrics;
    });
    const stale: string[] = [];
    const singleMetric = vi.spyOn(metrics, 'singleMetric').mockImplementation(() => {
      let asset = '';
      const single = {
        addDimension: (_name: string, value: string) => void (asset = value),
        addMetric: (name: string) => void stale.push(`${name}:${asset}`),
      };
      return single as unknown as ReturnType<typeof metrics.singleMetric>;
    });
    try {
      const due = [await putDueRecord(context, records.SOL as RiskRecord, 'SOL', await nextTs())];
      mined(await publishStage(context, { records: due }));
      const names = added.map(([name]) => name);
      expect(added).toContainEqual(['BatchSize', 1]);
      expect(names).toContain('BatchGasUsed');
      expect(added.find(([name]) => name === 'SignerBalanceEth')?.[1]).toBeGreaterThan(0);
      expect(stale.sort()).toEqual(ASSETS.map((a) => `AssetStalenessSeconds:${a}`).sort());

      stale.length = 0;
      expect((await publishStage(context, { records: due })).status).toBe('nothing-due');
      expect(stale).toHaveLength(ASSETS.length);
    } finally {
      addMetric.mockRestore();
      singleMetric.mockRestore();
    }
  });

  it('backs off on KMS throttling of the batch signature, counts each throttle, then publishes with one batch signature', async () => {
    const client = createKmsClient({ endpoint: t.state.kms.endpoint });
    const throttles: KmsRetryEvent[] = [];
    const signer = new KmsSigner({
      client,
      keyId: t.state.kms.keyId,
      onThrottle: (event) => throttles.push(event),
    });
    try {
      await signer.getAddress();
      const due = [await putDueRecord(context, records.XRP as RiskRecord, 'XRP', await nextTs())];
      // The next two Sign requests (the batch digest's) are throttled; the third succeeds.
      t.stack.kms.setFault('throttle', 2, 'Sign');
      const before = signs();
      const result = mined(await publishStage({ ...context, signer }, { records: due }));
      expect(result.assets.map((a) => a.asset)).toEqual(['XRP']);
      expect(throttles.map((e) => [e.operation, e.attempt])).toEqual([
        ['Sign', 1],
        ['Sign', 2],
      ]);
      expect(throttles.every((e) => e.delayMs !== undefined)).toBe(true);
      expect(signer.throttleCount).toBe(2);
      // 2 throttled + 1 batch signature + 1 transaction signature.
      expect(signs() - before).toBe(4);
    } finally {
      client.destroy();
    }
  });

  it('signs nothing when the fee needed is above the chain cap, and fails with FeeCapExceededError', async () => {
    const due = [await putDueRecord(context, records.BNB as RiskRecord, 'BNB', await nextTs())];
    const before = signs();
    const roundsBefore = await chainRounds(context);
    const capped = { ...context, feePolicy: { ...context.feePolicy, maxFeePerGasCap: 1n } };
    await expect(publishStage(capped, { records: due })).rejects.toBeInstanceOf(FeeCapExceededError);
    expect(signs() - before).toBe(0);
    expect(await chainRounds(context)).toEqual(roundsBefore);
    // Still due: the next step with a sane cap publishes it.
    expect(mined(await publishStage(context, { records: due })).assets.map((a) => a.asset)).toEqual(['BNB']);
  });

  it('stops before recording or sending when its lease expired and another invocation took it over', async () => {
    const client = createKmsClient({ endpoint: t.state.kms.endpoint });
    const signer = new KmsSigner({ client, keyId: t.state.kms.keyId });
    const address = await signer.getAddress();
    const lease = `publisher#${ledgerSender(t.state.anvil.chainId, address)}`;
    const ttlMs = context.timing.leaseTtlMs;
    // While this step signs its transaction, a second invocation finds the lease expired (its
    // clock is past the first one's expiry) and takes it.
    signer.signTransaction = async (tx) => {
      expect(
        await acquireLease(context.dynamo, context.tables, {
          name: lease,
          owner: 'other',
          now: Date.now() + ttlMs + 1,
          ttlMs,
        }),
      ).toBe(true);
      return KmsSigner.prototype.signTransaction.call(signer, tx);
    };
    try {
      const due = [await putDueRecord(context, records.SOL as RiskRecord, 'SOL', await nextTs())];
      const roundsBefore = await chainRounds(context);
      const nonce = await context.rpc.call((p) => p.getTransactionCount(address, 'pending'));
      const result = await publishStage({ ...context, signer }, { records: due });
      expect(result).toMatchObject({
        status: 'busy',
        detail: expect.stringMatching(/expired and was taken over/),
      });
      expect(
        await getLedgerEntry(
          context.dynamo,
          context.tables,
          ledgerSender(t.state.anvil.chainId, address),
          nonce,
        ),
      ).toBeUndefined();
      expect(await context.rpc.call((p) => p.getTransactionCount(address, 'pending'))).toBe(nonce);
      expect(await chainRounds(context)).toEqual(roundsBefore);
    } finally {
      await releaseLease(context.dynamo, context.tables, lease, 'other');
      client.destroy();
    }
  });
});
