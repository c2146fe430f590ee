import type { LedgerEntry } from '../../store/LedgerEntry.js';
import type { Publication } from '../../store/Publication.js';
import type { PublisherContext } from './PublisherContext.js';
import type { RecordedOutcome } from './recordOutcome.js';
import { writeOutcome } from './writeOutcome.js';

/**
 * Records that a ledger entry's nonce was taken by a transaction it never signed: the round did
 * not reach the chain, and its number is free for the next batch.
 */
export async function recordDropped(
  context: PublisherContext,
  entry: LedgerEntry,
  publication: Pick<Publication, 'oracle' | 'round' | 'assets' | 'observedAt'>,
  accountNonce: number,
): Promise<RecordedOutcome> {
  const error = `nonce ${entry.nonce} was used by another transaction (account nonce is now ${accountNonce}); none of the ${entry.attempts.length} signed attempt(s) mined`;
  await writeOutcome(context, {
    entry,
    publication,
    status: 'dropped',
    outcome: { error },
    publishedAt: context.now(),
  });
  return {
    status: 'dropped',
    txHash: entry.attempts.at(-1)?.txHash ?? '',
    blockNumber: 0,
    gasUsed: 0n,
    error,
  };
}
