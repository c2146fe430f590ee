import { updateLedgerStatus, type LedgerEntry } from '../../store/ledger.js';
import { updatePublicationOutcome, type Publication } from '../../store/publications.js';
import type { PublisherContext } from './PublisherContext.js';
import type { RecordedOutcome } from './recordOutcome.js';

/**
 * Records that a ledger entry's nonce was taken by a transaction it never signed: the round did
 * not reach the chain, and its number is free for the next batch.
 */
export async function recordDropped(
  context: PublisherContext,
  entry: LedgerEntry,
  publication: Pick<Publication, 'oracle' | 'round'>,
  accountNonce: number,
): Promise<RecordedOutcome> {
  const now = context.now();
  const error = `nonce ${entry.nonce} was used by another transaction (account nonce is now ${accountNonce}); none of the ${entry.attempts.length} signed attempt(s) mined`;
  await updateLedgerStatus(
    context.dynamo,
    context.tables,
    { sender: entry.sender, nonce: entry.nonce },
    'dropped',
    { error, now },
  );
  await updatePublicationOutcome(context.dynamo, context.tables, publication, {
    status: 'dropped',
    error,
    now,
  });
  return {
    status: 'dropped',
    txHash: entry.attempts.at(-1)?.txHash ?? '',
    blockNumber: 0,
    gasUsed: 0n,
    error,
  };
}
