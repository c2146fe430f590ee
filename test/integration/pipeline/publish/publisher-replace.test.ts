import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEE_POLICY } from '../../../../shared/chain/fees/FeePolicy.js';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { assetId } from '../../../../shared/chain/oracle/assetId.js';
import { riskOracleContract } from '../../../../shared/chain/oracle/riskOracleContract.js';
import { publishStage } from '../../../../shared/pipeline/publish/publishStage.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../../shared/localstack/createLocalPublisherContext.js';
import type { RiskRecord } from '../../../../shared/risk/types.js';
import { getLedgerEntry } from '../../../fixtures/store/getLedgerEntry.js';
import { ledgerSender } from '../../../../shared/store/ledgerSender.js';
import { getPublication } from '../../../../shared/store/getPublication.js';
import { oracleKey } from '../../../../shared/store/oracleKey.js';
import {
  advanceChainClock,
  chainRounds,
  computeDueRecords,
  guardrailsFor,
  putDueRecord,
  setGuardrails,
} from './publisherFixtures.js';
import { startTestStack, type TestStack } from '../../support/startTestStack.js';

/** A fresh chain with automatic mining switched off: blocks come only from evm_mine. */
describe('publisher with automine off', () => {
  let t: TestStack;
  let context: LocalPublisherContext;
  let template: RiskRecord;
  let signer: string;
  const mine = (): Promise<unknown> => context.rpc.call((p) => p.send('evm_mine', []));

  beforeAll(async () => {
    t = await startTestStack();
    context = {
      ...createLocalPublisherContext(t.state, t.config, {
        timing: { pollMs: 20, replaceAfterMs: 200, maxReplacements: 3 },
      }),
      // A low first fee: a floor of 1,000 wei tip and no base-fee headroom.
      feePolicy: { ...DEFAULT_FEE_POLICY, minPriorityFeePerGas: 1_000n, baseFeeMultiplier: 1 },
    };
    signer = await context.signer.getAddress();
    template = (await computeDueRecords(context, ['BTC'])).records.BTC as RiskRecord;
    await context.rpc.call((p) => p.send('evm_setAutomine', [false]));
  });
  afterAll(async () => {
    context?.close();
    await t?.stop();
  });

  it('replaces the stuck transaction with fees bumped ≥ 12.5 % each time, and exactly one attempt mines', async () => {
    const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
    const result = await publishStage(
      {
        ...context,
        // The block comes only after the second replacement.
        hooks: { afterReplacement: async (_hash, n) => void (n === 2 ? await mine() : undefined) },
      },
      due,
    );
    expect(result).toMatchObject({ status: 'mined', round: '1' });
    if (result.status !== 'mined') return;

    const entry = await getLedgerEntry(
      context.dynamo,
      context.tables,
      ledgerSender(t.state.anvil.chainId, signer),
      0,
    );
    const attempts = entry?.attempts ?? [];
    expect(attempts.length).toBe(3);
    for (let i = 1; i < attempts.length; i++) {
      const [before, after] = [attempts[i - 1], attempts[i]];
      // ≥ +12.5 % on both fields: after × 1000 ≥ before × 1125.
      expect(BigInt(after?.maxFeePerGas ?? 0) * 1000n).toBeGreaterThanOrEqual(
        BigInt(before?.maxFeePerGas ?? 0) * 1125n,
      );
      expect(BigInt(after?.maxPriorityFeePerGas ?? 0) * 1000n).toBeGreaterThanOrEqual(
        BigInt(before?.maxPriorityFeePerGas ?? 0) * 1125n,
      );
    }
    const receipts = await Promise.all(
      attempts.map((a) => context.rpc.call((p) => p.getTransactionReceipt(a.txHash))),
    );
    expect(receipts.map((r) => r !== null)).toEqual([false, false, true]);
    expect(result.txHash).toBe(attempts[2]?.txHash);
    expect(entry).toMatchObject({ status: 'mined', txHash: attempts[2]?.txHash });
    expect(await context.rpc.call((p) => p.getTransactionCount(signer, 'latest'))).toBe(1);
    expect(await chainRounds(context)).toEqual({ lastRound: 1n, events: 1, rounds: [1n] });
  });

  it('gives up after maxReplacements with the transaction pending; the next invocation finishes it without a new batch', async () => {
    await advanceChainClock(context);
    const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
    const first = await publishStage(context, due);
    expect(first).toMatchObject({ status: 'pending', round: '2' });
    const signsBefore = t.stack.kms.requestCounts().Sign ?? 0;
    const second = await publishStage(
      { ...context, invocationId: 'next', hooks: { afterBroadcast: async () => void (await mine()) } },
      due,
    );
    expect(second).toMatchObject({ status: 'nothing-due', recovered: [{ status: 'mined' }] });
    // Finished from the ledger: no new batch signature, and no new transaction signature.
    expect((t.stack.kms.requestCounts().Sign ?? 0) - signsBefore).toBe(0);
    expect(await chainRounds(context)).toEqual({ lastRound: 2n, events: 2, rounds: [1n, 2n] });
  });

  it('records an on-chain revert with its decoded reason, and the next batch takes the same round number', async () => {
    const config = t.config.assets.BTC;
    if (config === undefined) throw new Error('BTC is not in the test config');
    const owner = anvilDevAccount(0, context.rpc.provider);
    const oracle = riskOracleContract({ address: t.state.oracle.address, runner: owner });
    await advanceChainClock(context);
    const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
    const result = await publishStage(
      {
        ...context,
        hooks: {
          // The owner narrows BTC's LTV bounds in the same block, ahead of the batch (higher tip).
          afterBroadcast: async () => {
            await oracle.getFunction('configureAsset')(
              assetId('BTC'),
              {
                ...guardrailsFor(config, 1),
                minLtvBps: 0,
                maxLtvBps: template.candidate.ltvBps - 100,
              },
              { maxPriorityFeePerGas: 50_000_000_000n, maxFeePerGas: 100_000_000_000n },
            );
            await mine();
          },
        },
      },
      due,
    );
    expect(result).toMatchObject({ status: 'reverted', round: '3' });
    if (result.status !== 'reverted') return;
    expect(result.error).toMatch(
      /^ParameterOutOfBounds: BTC ltvBps = \d+ is outside its bounds \[0, \d+\] bp$/,
    );
    const { Item } = await context.dynamo.doc.send(
      new GetCommand({ TableName: context.tables.parameters, Key: { asset: 'BTC', ts: due.records[0]?.ts } }),
    );
    expect(Item?.['publishError@31337']).toBe(`round 3 reverted: ${result.error}`);
    const oracleId = oracleKey(t.state.anvil.chainId, t.state.oracle.address);
    expect(await getPublication(context.dynamo, context.tables, oracleId, '3')).toMatchObject({
      status: 'reverted',
      error: result.error,
    });

    await context.rpc.call((p) => p.send('evm_setAutomine', [true]));
    await setGuardrails(t.state.anvil.rpcUrl, t.state.oracle.address, 'BTC', guardrailsFor(config, 1));
    const next = await publishStage(context, {
      records: [await putDueRecord(context, template, 'BTC', Date.now())],
    });
    expect(next).toMatchObject({ status: 'mined', round: '3' });
    const publication = await getPublication(context.dynamo, context.tables, oracleId, '3');
    expect(publication).toMatchObject({
      status: 'mined',
      superseded: [{ status: 'reverted', txHash: result.txHash, error: result.error }],
    });
    expect(await chainRounds(context)).toEqual({ lastRound: 3n, events: 3, rounds: [1n, 2n, 3n] });
  });

  it('records a nonce taken by another transaction of the key as dropped, and the next batch takes the round', async () => {
    await context.rpc.call((p) => p.send('evm_setAutomine', [false]));
    // Pacing, not an assertion: BTC's previous observation must be ≥ 1 s (minIntervalSec) older.
    await new Promise((r) => setTimeout(r, 1_000));
    await advanceChainClock(context);
    const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
    const nonce = await context.rpc.call((p) => p.getTransactionCount(signer, 'pending'));
    let sentHash: string | undefined;
    const result = await publishStage(
      {
        ...context,
        hooks: {
          // Someone else with the key (an operator's manual transfer) takes the nonce with a
          // higher fee; the pool drops the batch's transaction.
          afterBroadcast: async (txHash) => {
            sentHash = txHash;
            const raw = await context.signer.signTransaction({
              type: 2,
              chainId: t.state.anvil.chainId,
              nonce,
              to: signer,
              value: 0n,
              gasLimit: 21_000n,
              maxPriorityFeePerGas: 50_000_000_000n,
              maxFeePerGas: 100_000_000_000n,
            });
            await context.rpc.call((p) => p.send('eth_sendRawTransaction', [raw]));
            await mine();
          },
        },
      },
      due,
    );
    expect(result).toMatchObject({ status: 'dropped', round: '4' });
    if (result.status !== 'dropped') return;
    expect(result.error).toMatch(
      new RegExp(`^nonce ${nonce} was used by another transaction \\(account nonce is now ${nonce + 1}\\)`),
    );
    expect(await context.rpc.call((p) => p.getTransactionReceipt(sentHash ?? ''))).toBeNull();
    expect(
      await getLedgerEntry(
        context.dynamo,
        context.tables,
        ledgerSender(t.state.anvil.chainId, signer),
        nonce,
      ),
    ).toMatchObject({ status: 'dropped' });
    const oracleId = oracleKey(t.state.anvil.chainId, t.state.oracle.address);
    expect(await getPublication(context.dynamo, context.tables, oracleId, '4')).toMatchObject({
      status: 'dropped',
    });

    await context.rpc.call((p) => p.send('evm_setAutomine', [true]));
    const next = await publishStage(context, due);
    expect(next).toMatchObject({ status: 'mined', round: '4' });
    expect(await getPublication(context.dynamo, context.tables, oracleId, '4')).toMatchObject({
      status: 'mined',
      nonce: nonce + 1,
      superseded: [{ status: 'dropped', nonce, txHash: sentHash }],
    });
    expect(await chainRounds(context)).toEqual({ lastRound: 4n, events: 4, rounds: [1n, 2n, 3n, 4n] });
  });
});
