import type { TransactionReceipt } from 'ethers';
import { advanceAssetHead, getAssetHead } from '../../store/assetHeads.js';
import { updateLedgerStatus, type LedgerEntry } from '../../store/ledger.js';
import { markRecordPublished } from '../../store/markRecordPublished.js';
import { getRiskRecord } from '../../store/riskRecords.js';
import { setRecordPublishError } from '../../store/setRecordPublishError.js';
import { updatePublicationOutcome, type Publication } from '../../store/publications.js';
import type { PublisherContext } from './PublisherContext.js';
import { revertReason } from './revertReason.js';

export interface RecordedOutcome {
  readonly status: 'mined' | 'reverted' | 'dropped';
  readonly txHash: string;
  readonly blockNumber: number;
  readonly gasUsed: bigint;
  readonly error?: string;
}

/**
 * Records what became of a round: ledger entry and publication get the outcome; when mined, each
 * published asset's head moves to its record's next state and the record is marked with the round.
 */
export async function recordOutcome(
  context: PublisherContext,
  entry: LedgerEntry,
  publication: Pick<Publication, 'oracle' | 'round' | 'assets' | 'observedAt'>,
  receipt: TransactionReceipt,
): Promise<RecordedOutcome & { readonly status: 'mined' | 'reverted' }> {
  const now = context.now();
  const outcome = {
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed.toString(),
    effectiveGasPrice: receipt.gasPrice.toString(),
  };
  const key = { sender: entry.sender, nonce: entry.nonce };
  if (receipt.status !== 1) {
    const error = await revertReason(context, receipt, entry);
    await updateLedgerStatus(context.dynamo, context.tables, key, 'reverted', { ...outcome, error, now });
    await updatePublicationOutcome(context.dynamo, context.tables, publication, {
      status: 'reverted',
      ...outcome,
      error,
      now,
    });
    // The records say why they are not on-chain (they stay due for the next cycle).
    await Promise.all(
      publication.assets.map(({ asset, recordTs }) =>
        setRecordPublishError(
          context.dynamo,
          context.tables,
          { asset, ts: recordTs },
          `round ${publication.round} reverted: ${error}`,
        ),
      ),
    );
    return {
      status: 'reverted',
      txHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      error,
    };
  }
  await updateLedgerStatus(context.dynamo, context.tables, key, 'mined', { ...outcome, now });
  await updatePublicationOutcome(context.dynamo, context.tables, publication, {
    status: 'mined',
    ...outcome,
    now,
  });
  await Promise.all(
    publication.assets.map(async ({ asset, recordTs }) => {
      const [stored, head] = await Promise.all([
        getRiskRecord(context.dynamo, context.tables, { asset, ts: recordTs }),
        getAssetHead(context.dynamo, context.tables, asset),
      ]);
      await markRecordPublished(
        context.dynamo,
        context.tables,
        { asset, ts: recordTs },
        { round: publication.round, txHash: receipt.hash },
      );
      await advanceAssetHead(context.dynamo, context.tables, {
        ...(head ?? {}),
        asset,
        state: stored.record.nextState,
        recordTs,
        lastCycleTs: recordTs,
        degraded: stored.record.flags.degraded,
        lastRound: publication.round,
        lastTxHash: receipt.hash,
        lastPublishedAt: now,
        lastObservedAt: publication.observedAt * 1000,
      });
    }),
  );
  return {
    status: 'mined',
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
  };
}
