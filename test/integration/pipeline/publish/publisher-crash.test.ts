import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { getRiskRecord } from '../../../../shared/store/getRiskRecord.js';
import { advanceChainClock, chainRounds, computeDueRecords, putDueRecord } from './publisherFixtures.js';
import { startTestStack, type TestStack } from '../../support/startTestStack.js';

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/** A fresh chain: the rounds counted here are all this file's. */
describe('publisher crash after broadcast, before recording', () => {
  let t: TestStack;
  let context: LocalPublisherContext;
  const signs = (): number => t.stack.kms.requestCounts().Sign ?? 0;

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config);
  });
  afterAll(async () => {
    context?.close();
    await t?.stop();
  });

  let template: RiskRecord;

  it('a retry with the same input finds the ledger entry, signs nothing new, and the chain has exactly one round', async () => {
    const { params, records } = await computeDueRecords(context, ['BTC', 'ETH']);
    template = records.BTC as RiskRecord;
    const crashing = {
      ...context,
      hooks: {
        afterBroadcast: () => {
          throw new SimulatedCrash('the process died right after eth_sendRawTransaction');
        },
      },
    };
    await expect(publishStage(crashing, params)).rejects.toBeInstanceOf(SimulatedCrash);
    const signer = await context.signer.getAddress();
    const entry = await getLedgerEntry(
      context.dynamo,
      context.tables,
      ledgerSender(t.state.anvil.chainId, signer),
      0,
    );
    // Recorded before the broadcast, and nothing after it.
    expect(entry).toMatchObject({ round: '1', status: 'signed' });
    expect(entry?.attempts).toHaveLength(1);

    const signsBefore = signs();
    const retry = await publishStage({ ...context, invocationId: 'retry-1' }, params);
    expect(retry).toMatchObject({
      status: 'nothing-due',
      recovered: [{ status: 'mined', txHash: entry?.attempts[0]?.txHash }],
    });
    expect(signs() - signsBefore).toBe(0);
    expect(await chainRounds(context)).toEqual({ lastRound: 1n, events: 1, rounds: [1n] });

    const publication = await getPublication(
      context.dynamo,
      context.tables,
      oracleKey(t.state.anvil.chainId, t.state.oracle.address),
      '1',
    );
    expect(publication).toMatchObject({ status: 'mined', txHash: entry?.attempts[0]?.txHash });
    for (const { asset, ts } of params.records) {
      expect((await getRiskRecord(context.dynamo, context.tables, { asset, ts })).round).toBe('1');
    }
    expect(
      await getLedgerEntry(context.dynamo, context.tables, ledgerSender(t.state.anvil.chainId, signer), 0),
    ).toMatchObject({ status: 'mined' });
  });

  it('a crash while the transaction is still pending: the retry re-broadcasts the same bytes and it mines once', async () => {
    await advanceChainClock(context);
    await context.rpc.call((p) => p.send('evm_setAutomine', [false]));
    try {
      const due = { records: [await putDueRecord(context, template, 'BTC', Date.now())] };
      const crashing = {
        ...context,
        hooks: {
          afterBroadcast: () => {
            throw new SimulatedCrash('the process died with the transaction in the mempool');
          },
        },
      };
      await expect(publishStage(crashing, due)).rejects.toBeInstanceOf(SimulatedCrash);
      expect((await chainRounds(context)).lastRound).toBe(1n);

      const signsBefore = signs();
      let rebroadcast: string | undefined;
      const retry = await publishStage(
        {
          ...context,
          invocationId: 'retry-2',
          // The retry re-sends the ledger's bytes; then a block is mined.
          hooks: {
            afterBroadcast: async (txHash) => {
              rebroadcast = txHash;
              await context.rpc.call((p) => p.send('evm_mine', []));
            },
          },
        },
        due,
      );
      expect(retry).toMatchObject({
        status: 'nothing-due',
        recovered: [{ status: 'mined', txHash: rebroadcast }],
      });
      expect(signs() - signsBefore).toBe(0);
      expect(await chainRounds(context)).toEqual({ lastRound: 2n, events: 2, rounds: [1n, 2n] });
    } finally {
      await context.rpc.call((p) => p.send('evm_setAutomine', [true]));
    }
  });
});
