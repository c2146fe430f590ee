import { advanceAssetHead } from '../../store/advanceAssetHead.js';
import { getAssetHead } from '../../store/getAssetHead.js';
import type { LedgerEntry } from '../../store/LedgerEntry.js';
import { markLedgerBookkept } from '../../store/markLedgerBookkept.js';
import type { Publication } from '../../store/Publication.js';
import { recordRoundOutcome } from '../../store/recordRoundOutcome.js';
import { getRiskRecord } from '../../store/getRiskRecord.js';
import type { TransactionOutcome } from '../../store/TransactionOutcome.js';
import type { PublisherContext } from './PublisherContext.js';

export interface WriteOutcomeParams {
  readonly entry: Pick<LedgerEntry, 'sender' | 'nonce' | 'round'>;
  readonly publication: Pick<Publication, 'oracle' | 'round' | 'assets' | 'observedAt'>;
  readonly status: 'mined' | 'reverted' | 'dropped';
  readonly outcome: TransactionOutcome;
  /** When the round was published (the heads' `lastPublishedAt`), ms UTC. */
  readonly publishedAt: number;
}

/**
 * Writes a round's outcome, in this order, each step idempotent so a crash anywhere is finished by
 * running it again (reconciliation and repairBookkeeping do):
 * 1. ledger status, publication outcome and the records' marks in one DynamoDB transaction;
 * 2. when mined, each asset's head moves to its record's next state (heads only move forward);
 * 3. the ledger entry is marked `bookkept`: nothing of this round is left to repair.
 */
export async function writeOutcome(
  context: PublisherContext,
  { entry, publication, status, outcome, publishedAt }: WriteOutcomeParams,
): Promise<void> {
  await context.hooks?.beforeOutcome?.(publication.round, status);
  await recordRoundOutcome(context.dynamo, context.tables, {
    ledger: { sender: entry.sender, nonce: entry.nonce },
    publication,
    chainId: context.rpc.chainId,
    status,
    outcome,
    records: publication.assets.map(({ asset, recordTs }) => ({ asset, ts: recordTs })),
    // The records say why they are not on-chain (they stay due for the next cycle).
    ...(status === 'reverted'
      ? { recordError: `round ${publication.round} reverted: ${outcome.error ?? 'unknown reason'}` }
      : {}),
    now: context.now(),
  });
  await context.hooks?.afterOutcomeRecorded?.(publication.round, status);
  if (status === 'mined') {
    // A catch-up step is not the record's candidate: the head (the engine's view of what is
    // on-chain) stays with the chains that hold the candidate (docs/multi-chain.md).
    for (const { asset, recordTs } of publication.assets.filter((a) => a.catchUp === undefined)) {
      const [stored, head] = await Promise.all([
        getRiskRecord(context.dynamo, context.tables, { asset, ts: recordTs }),
        getAssetHead(context.dynamo, context.tables, asset),
      ]);
      await advanceAssetHead(context.dynamo, context.tables, {
        ...(head ?? {}),
        asset,
        state: stored.record.nextState,
        recordTs,
        lastCycleTs: recordTs,
        degraded: stored.record.flags.degraded,
        lastRound: publication.round,
        ...(outcome.txHash === undefined ? {} : { lastTxHash: outcome.txHash }),
        lastPublishedAt: publishedAt,
        lastObservedAt: publication.observedAt * 1000,
      });
    }
  }
  await markLedgerBookkept(
    context.dynamo,
    context.tables,
    { sender: entry.sender, nonce: entry.nonce },
    context.now(),
  );
}
