import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { assetId } from '../../../../shared/chain/oracle/assetId.js';
import { riskOracleContract } from '../../../../shared/chain/oracle/riskOracleContract.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../../shared/localstack/createLocalPublisherContext.js';
import { buildAuditBundle } from '../../../../shared/audit/buildAuditBundle.js';
import { createChainReader } from '../../../../shared/audit/createChainReader.js';
import type { VerifyResult } from '../../../../shared/audit/VerifyResult.js';
import { verifyBundle } from '../../../../shared/audit/verifyBundle.js';
import { publishStage } from '../../../../shared/pipeline/publish/publishStage.js';
import type { RiskRecord } from '../../../../shared/risk/types.js';
import { getAssetHead } from '../../../../shared/store/getAssetHead.js';
import { getLedgerEntry } from '../../../fixtures/store/getLedgerEntry.js';
import { ledgerSender } from '../../../../shared/store/ledgerSender.js';
import { listLedgerEntries } from '../../../../shared/store/listLedgerEntries.js';
import { getPublication } from '../../../../shared/store/getPublication.js';
import { oracleKey } from '../../../../shared/store/oracleKey.js';
import { getRiskRecord } from '../../../../shared/store/getRiskRecord.js';
import { startTestStack, type TestStack } from '../../support/startTestStack.js';
import {
  advanceChainClock,
  chainRounds,
  computeDueRecords,
  guardrailsFor,
  putDueRecord,
  setGuardrails,
} from './publisherFixtures.js';

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/** Lease lifetime of these tests' publishers: a dead one blocks the next for this long. */
const LEASE_TTL_MS = 1_500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Command = { constructor: { name: string }; input: Record<string, unknown> };

/** True for the write that moves a ledger entry to a final status (alone, or inside a transaction). */
function writesFinalLedgerStatus(ledgerTable: string, command: Command): boolean {
  const isFinal = (values: unknown): boolean =>
    ['mined', 'reverted', 'dropped'].includes(String((values as Record<string, unknown>)?.[':status']));
  if (command.constructor.name === 'UpdateCommand')
    return command.input.TableName === ledgerTable && isFinal(command.input.ExpressionAttributeValues);
  if (command.constructor.name === 'TransactWriteCommand')
    return ((command.input.TransactItems ?? []) as { Update?: Record<string, unknown> }[]).some(
      (item) => item.Update?.TableName === ledgerTable && isFinal(item.Update.ExpressionAttributeValues),
    );
  return false;
}

/**
 * The publisher process dies right after the first write of outcome recording succeeds: from then
 * on nothing it sends reaches DynamoDB (not even the lease release), as with a SIGKILL.
 */
function dyingAfterFirstOutcomeWrite(context: LocalPublisherContext): LocalPublisherContext {
  let dead = false;
  const doc = context.dynamo.doc;
  const send = doc.send.bind(doc) as (command: Command) => Promise<unknown>;
  const dying = new Proxy(doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
      return async (command: Command) => {
        if (dead) throw new SimulatedCrash('the publisher is dead');
        const output = await send(command);
        if (writesFinalLedgerStatus(context.tables.ledger, command)) {
          dead = true;
          throw new SimulatedCrash('killed right after the first write of outcome recording');
        }
        return output;
      };
    },
  });
  return { ...context, dynamo: { ...context.dynamo, doc: dying }, invocationId: 'dying-publisher' };
}

describe('publisher outcome recording survives a kill', () => {
  let t: TestStack;
  let context: LocalPublisherContext;
  let template: RiskRecord;
  let signer: string;
  let oracleId: string;

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config, { timing: { leaseTtlMs: LEASE_TTL_MS } });
    signer = await context.signer.getAddress();
    oracleId = oracleKey(t.state.anvil.chainId, t.state.oracle.address);
    // A real record to clone follow-up due records from (computed, not published).
    template = (await computeDueRecords(context, ['BTC'])).records.BTC as RiskRecord;
  });
  afterAll(async () => {
    context?.close();
    await t?.stop();
  });

  it('a kill after the first outcome write: the next publisher records the round as mined, with its tx hash, on its records', async () => {
    const { params } = await computeDueRecords(context, ['BTC', 'ETH']);
    await expect(publishStage(dyingAfterFirstOutcomeWrite(context), params)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    expect(await chainRounds(context)).toEqual({ lastRound: 1n, events: 1, rounds: [1n] });

    // The dead publisher's lease blocks the next one only until it expires (seconds, not a cycle).
    expect(await publishStage({ ...context, invocationId: 'too-early' }, params)).toMatchObject({
      status: 'busy',
    });
    await sleep(LEASE_TTL_MS + 100);
    const next = await publishStage({ ...context, invocationId: 'next-publisher' }, params);
    expect(next).toMatchObject({ status: 'nothing-due' });

    const entry = await getLedgerEntry(
      context.dynamo,
      context.tables,
      ledgerSender(t.state.anvil.chainId, signer),
      0,
    );
    expect(entry).toMatchObject({ status: 'mined', round: '1' });
    const txHash = entry?.txHash;
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await getPublication(context.dynamo, context.tables, oracleId, '1')).toMatchObject({
      status: 'mined',
      txHash,
    });
    for (const { asset, ts } of params.records) {
      expect(await getRiskRecord(context.dynamo, context.tables, { asset, ts })).toMatchObject({
        round: '1',
        txHash,
      });
      expect(await getAssetHead(context.dynamo, context.tables, asset)).toMatchObject({
        recordTs: ts,
        lastRound: '1',
        lastTxHash: txHash,
      });
    }
  });

  it('a reverted round plus a kill after its first outcome write: the next batch takes the same round number', async () => {
    const config = t.config.assets.BTC;
    if (config === undefined) throw new Error('BTC is not in the test config');
    const owner = anvilDevAccount(0, context.rpc.provider);
    const oracle = riskOracleContract({ address: t.state.oracle.address, runner: owner });
    const mine = (): Promise<unknown> => context.rpc.call((p) => p.send('evm_mine', []));
    // Pacing, not an assertion: BTC's previous observation must be ≥ 1 s (minIntervalSec) older.
    await sleep(1_000);
    const before = await chainRounds(context);
    const round = String(before.lastRound + 1n);
    const nonce = await context.rpc.call((p) => p.getTransactionCount(signer, 'latest'));
    const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
    await advanceChainClock(context);
    await context.rpc.call((p) => p.send('evm_setAutomine', [false]));
    try {
      const dying = dyingAfterFirstOutcomeWrite(context);
      const crash = publishStage(
        {
          ...dying,
          hooks: {
            // The owner narrows BTC's LTV bounds in the same block, ahead of the batch: it reverts.
            afterBroadcast: async () => {
              await oracle.getFunction('configureAsset')(
                assetId('BTC'),
                { ...guardrailsFor(config, 1), minLtvBps: 0, maxLtvBps: template.candidate.ltvBps - 100 },
                { maxPriorityFeePerGas: 50_000_000_000n, maxFeePerGas: 100_000_000_000n },
              );
              await mine();
            },
          },
        },
        due,
      );
      await expect(crash).rejects.toBeInstanceOf(SimulatedCrash);
    } finally {
      await context.rpc.call((p) => p.send('evm_setAutomine', [true]));
    }
    expect((await chainRounds(context)).lastRound).toBe(before.lastRound);
    const reverted = await getLedgerEntry(
      context.dynamo,
      context.tables,
      ledgerSender(t.state.anvil.chainId, signer),
      nonce,
    );
    expect(reverted).toMatchObject({ status: 'reverted', round });

    await setGuardrails(t.state.anvil.rpcUrl, t.state.oracle.address, 'BTC', guardrailsFor(config, 1));
    await sleep(LEASE_TTL_MS + 100);
    const next = await publishStage(
      { ...context, invocationId: 'after-revert' },
      { records: [await putDueRecord(context, template, 'BTC', Date.now())] },
    );
    expect(next).toMatchObject({ status: 'mined', round });
    expect(await getPublication(context.dynamo, context.tables, oracleId, round)).toMatchObject({
      status: 'mined',
      superseded: [{ status: 'reverted', nonce, txHash: reverted?.txHash }],
    });
    // The reverted round's record says why it is not on-chain.
    const { Item } = await context.dynamo.doc.send(
      new GetCommand({ TableName: context.tables.parameters, Key: { asset: 'BTC', ts: due.records[0]?.ts } }),
    );
    expect(Item?.['publishError@31337']).toMatch(
      new RegExp(`^round ${round} reverted: ParameterOutOfBounds: BTC ltvBps`),
    );
    expect((await chainRounds(context)).rounds).toEqual([...before.rounds, before.lastRound + 1n]);
  });

  it('a step that outlives its lease lifetime keeps the lease: a concurrent publisher stays out', async () => {
    await sleep(1_000);
    const before = await chainRounds(context);
    const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
    let concurrent: unknown;
    const result = await publishStage(
      {
        ...context,
        invocationId: 'slow-publisher',
        hooks: {
          afterBroadcast: async () => {
            await sleep(LEASE_TTL_MS * 2);
            concurrent = await publishStage({ ...context, invocationId: 'intruder' }, due);
          },
        },
      },
      due,
    );
    expect(concurrent).toMatchObject({ status: 'busy' });
    expect(result).toMatchObject({ status: 'mined', round: String(before.lastRound + 1n) });
    expect((await chainRounds(context)).rounds).toEqual([...before.rounds, before.lastRound + 1n]);
  });

  it('repairs a round left half-recorded by an older publisher (publication pending, records unmarked)', async () => {
    // The state the three-write recording could leave: ledger final, the rest not written. Round 1
    // (real records, with snapshots, so verify can recompute them).
    const round = '1';
    await context.dynamo.doc.send(
      new UpdateCommand({
        TableName: context.tables.publications,
        Key: { oracle: oracleId, round: Number(round) },
        UpdateExpression: 'SET #status = :pending REMOVE blockNumber, gasUsed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
    const publication = await getPublication(context.dynamo, context.tables, oracleId, round);
    const [asset] = publication.assets;
    if (asset === undefined) throw new Error(`round ${round} published no asset`);
    await context.dynamo.doc.send(
      new UpdateCommand({
        TableName: context.tables.parameters,
        Key: { asset: asset.asset, ts: asset.recordTs },
        UpdateExpression: 'REMOVE #round, txHash',
        ExpressionAttributeNames: { '#round': 'round' },
      }),
    );
    // An older publisher wrote no `bookkept` mark on any entry.
    const sender = ledgerSender(t.state.anvil.chainId, signer);
    for (const entry of await listLedgerEntries(context.dynamo, context.tables, sender))
      await context.dynamo.doc.send(
        new UpdateCommand({
          TableName: context.tables.ledger,
          Key: { sender, nonce: entry.nonce },
          UpdateExpression: 'REMOVE bookkept',
        }),
      );

    // `verify` sees it: every other check reads the signed batch and the chain, and passes.
    const verifyRound = async (): Promise<VerifyResult> => {
      const bundle = await buildAuditBundle(context.dynamo, context.tables, {
        oracle: { chainId: t.state.anvil.chainId, address: t.state.oracle.address },
        round,
        configs: [t.config],
        now: Date.now(),
      });
      const chain = createChainReader(t.state.anvil.rpcUrl);
      try {
        return await verifyBundle(bundle, {
          chain,
          store: { dynamo: context.dynamo, tables: context.tables },
        });
      } finally {
        chain.close();
      }
    };
    const before = await verifyRound();
    expect(before.checks.find((c) => c.id === 'bookkeeping')).toMatchObject({ status: 'FAIL' });
    expect(before.checks.filter((c) => c.status === 'FAIL')).toHaveLength(1);
    expect(before.checks.find((c) => c.id === 'bookkeeping')?.details.join('\n')).toMatch(
      new RegExp(`records round ${round} as pending, but its transaction 0x[0-9a-f]{64} is mined`),
    );

    const next = await publishStage({ ...context, invocationId: 'repairer' }, { records: [] });
    expect(next).toMatchObject({ status: 'nothing-due' });
    expect(next.status === 'nothing-due' ? next.repaired : []).toContainEqual({
      round,
      nonce: publication.nonce,
      status: 'mined',
    });
    const repaired = await getPublication(context.dynamo, context.tables, oracleId, round);
    expect(repaired).toMatchObject({ status: 'mined', txHash: publication.txHash });
    expect(repaired.blockNumber).toBeGreaterThan(0);
    expect(
      await getRiskRecord(context.dynamo, context.tables, { asset: asset.asset, ts: asset.recordTs }),
    ).toMatchObject({
      round,
      txHash: publication.txHash,
    });
    expect((await verifyRound()).ok).toBe(true);
    // Nothing left to repair on the next step.
    expect(await publishStage({ ...context, invocationId: 'after-repair' }, { records: [] })).toMatchObject({
      status: 'nothing-due',
      repaired: [],
    });
  });
});
