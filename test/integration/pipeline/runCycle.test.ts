import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKmsClient } from '../../../shared/chain/kms/createKmsClient.js';
import { publicKeyToAddress } from '../../../shared/chain/kms/publicKeyToAddress.js';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import { riskOracleContract } from '../../../shared/chain/oracle/riskOracleContract.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../shared/localstack/createLocalPublisherContext.js';
import { runCycle } from '../../../shared/pipeline/runCycle.js';
import { getLatestRiskRecord } from '../../../shared/store/getLatestRiskRecord.js';
import { getPublication } from '../../../shared/store/getPublication.js';
import { oracleKey } from '../../../shared/store/oracleKey.js';
import { getSnapshot } from '../../../shared/store/getSnapshot.js';
import { hashCanonical } from '../../../shared/risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../../../shared/risk/provenance/hashSchemes.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';

describe('a whole cycle on the embedded local stack', () => {
  let t: TestStack;
  let context: LocalPublisherContext;

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config);
  });
  afterAll(async () => {
    context?.close();
    await t?.stop();
  });

  it('collects, computes and publishes BTC and ETH in one KMS-signed batch that the contract accepts', async () => {
    const signsBefore = t.stack.kms.requestCounts().Sign ?? 0;
    const cycle = await runCycle(context, ['BTC', 'ETH']);

    expect(cycle.publish.status).toBe('mined');
    if (cycle.publish.status !== 'mined') return;
    expect(cycle.publish.round).toBe('1');
    expect(cycle.publish.assets.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    // One signature over the batch (EIP-712) and one over the transaction: never one per asset.
    expect((t.stack.kms.requestCounts().Sign ?? 0) - signsBefore).toBe(2);

    const oracle = riskOracleContract({ address: t.state.oracle.address, runner: context.rpc.provider });
    for (const { compute, collect } of cycle.assets) {
      expect(collect.venues.every((v) => v.ok)).toBe(true);
      expect(compute.publishDue).toBe(true);
      const onChain = await readLatest(oracle, compute.asset);
      expect(onChain).toMatchObject({
        volIndexBps: compute.record.candidate.volIndexBps,
        ltvBps: compute.record.candidate.ltvBps,
        ltBps: compute.record.candidate.ltBps,
        lbBps: compute.record.candidate.lbBps,
        observedAt: Math.floor(Math.min(...cycle.assets.map((a) => a.collect.ts)) / 1000),
      });
      // Sane parameters for a major asset in a calm replayed market.
      expect(compute.record.candidate.ltvBps).toBeGreaterThan(5_000);
      expect(compute.record.candidate.ltvBps).toBeLessThanOrEqual(compute.record.candidate.ltBps);
    }

    // History lives in DynamoDB: the snapshot's inputs, with the reference candles read back from
    // the candle table, hash to the record's inputs hash (the snapshot's own hash leaves the
    // candles out), and the record carries the round that published it.
    for (const asset of ['BTC', 'ETH']) {
      const stored = await getLatestRiskRecord(context.dynamo, context.tables, asset);
      expect(stored?.round).toBe('1');
      expect(stored?.txHash).toBe(cycle.publish.txHash);
      const snapshot = await getSnapshot(context.dynamo, context.tables, asset, stored?.ts ?? 0);
      expect(hashCanonical(snapshot.inputs, CURRENT_HASH_SCHEME)).toBe(stored?.record.inputsHash);
      const { candles, ...withoutCandles } = snapshot.inputs;
      expect(candles.length).toBeGreaterThan(1_000);
      expect(snapshot.inputsHash).toBe(hashCanonical(withoutCandles, CURRENT_HASH_SCHEME));
    }
    const publication = await getPublication(
      context.dynamo,
      context.tables,
      oracleKey(t.state.anvil.chainId, t.state.oracle.address),
      '1',
    );
    expect(publication).toMatchObject({
      status: 'mined',
      txHash: cycle.publish.txHash,
      signer: cycle.publish.signer,
    });
  });

  it('is signed by the address derived from the KMS public key, which is the contract signer', async () => {
    const kms = createKmsClient({ endpoint: t.state.kms.endpoint });
    try {
      const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: t.state.kms.keyId }));
      const derived = publicKeyToAddress(PublicKey as Uint8Array);
      const provider = new JsonRpcProvider(t.state.anvil.rpcUrl, undefined, { cacheTimeout: -1 });
      const oracle = riskOracleContract({ address: t.state.oracle.address, runner: provider });
      expect(await oracle.getFunction('signers')()).toEqual([derived]);
      const publication = await getPublication(
        context.dynamo,
        context.tables,
        oracleKey(t.state.anvil.chainId, t.state.oracle.address),
        '1',
      );
      expect(publication.signer).toBe(derived);
      const tx = await provider.getTransaction(publication.txHash ?? '');
      expect(tx?.from).toBe(derived);
      provider.destroy();
    } finally {
      kms.destroy();
    }
  });

  it('publishes nothing on an immediate second cycle: no parameter moved by the deviation threshold', async () => {
    const cycle = await runCycle(context, ['BTC', 'ETH']);
    expect(cycle.assets.every((a) => !a.compute.publishDue)).toBe(true);
    expect(cycle.publish.status).toBe('nothing-due');
  });
});
