import type { TransactionReceipt } from 'ethers';
import type { LedgerEntry } from '../../store/LedgerEntry.js';
import type { Publication } from '../../store/Publication.js';
import type { PublisherContext } from './PublisherContext.js';
import { revertReason } from './revertReason.js';
import { writeOutcome } from './writeOutcome.js';

export interface RecordedOutcome {
  readonly status: 'mined' | 'reverted' | 'dropped';
  readonly txHash: string;
  readonly blockNumber: number;
  readonly gasUsed: bigint;
  readonly error?: string;
}

/**
 * Records what became of a mined transaction (writeOutcome): ledger entry, publication and the
 * records' marks at once; when mined, each published asset's head moves to its record's next
 * state. A revert is recorded with its decoded reason, on the records too.
 */
export async function recordOutcome(
  context: PublisherContext,
  entry: LedgerEntry,
  publication: Pick<Publication, 'oracle' | 'round' | 'assets' | 'observedAt'>,
  receipt: TransactionReceipt,
): Promise<RecordedOutcome & { readonly status: 'mined' | 'reverted' }> {
  const status = receipt.status === 1 ? 'mined' : 'reverted';
  const error = status === 'reverted' ? await revertReason(context, receipt, entry) : undefined;
  await writeOutcome(context, {
    entry,
    publication,
    status,
    outcome: {
      txHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed.toString(),
      effectiveGasPrice: receipt.gasPrice.toString(),
      ...(error === undefined ? {} : { error }),
    },
    publishedAt: context.now(),
  });
  return {
    status,
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    ...(error === undefined ? {} : { error }),
  };
}
