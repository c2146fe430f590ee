import { logger } from '../../observability/powertools.js';
import { listUnbookkeptLedgerEntries } from '../../store/listUnbookkeptLedgerEntries.js';
import { markLedgerBookkept } from '../../store/markLedgerBookkept.js';
import { getPublication } from '../../store/getPublication.js';
import type { PublisherContext } from './PublisherContext.js';
import { writeOutcome } from './writeOutcome.js';

/** What the repair step found and finished. */
export interface RepairedRound {
  readonly round: string;
  readonly nonce: number;
  readonly status: 'mined' | 'reverted' | 'dropped';
}

/**
 * Finishes the bookkeeping of every final ledger entry not marked fully recorded: a publisher
 * that died inside outcome recording (or a store written before outcomes were atomic) can leave a
 * publication `pending` while its ledger entry is final, records unmarked or asset heads behind.
 * The outcome the ledger holds is written again (idempotent), oldest nonce first. A publication
 * already taken over by a later nonce is left alone. Runs on every publish step, after
 * reconciliation and before anything new is signed.
 */
export async function repairBookkeeping(
  context: PublisherContext,
  { sender, oracle }: { readonly sender: string; readonly oracle: string },
): Promise<RepairedRound[]> {
  const repaired: RepairedRound[] = [];
  for (const entry of await listUnbookkeptLedgerEntries(context.dynamo, context.tables, sender)) {
    const status = entry.status as RepairedRound['status'];
    const publication = await getPublication(context.dynamo, context.tables, oracle, entry.round).catch(
      () => undefined,
    );
    if (publication !== undefined && publication.nonce === entry.nonce) {
      logger.warn('repairing the bookkeeping of a round', {
        round: entry.round,
        nonce: entry.nonce,
        status,
        publicationStatus: publication.status,
      });
      await writeOutcome(context, {
        entry,
        publication,
        status,
        outcome: {
          ...(entry.txHash === undefined ? {} : { txHash: entry.txHash }),
          ...(entry.blockNumber === undefined ? {} : { blockNumber: entry.blockNumber }),
          ...(entry.gasUsed === undefined ? {} : { gasUsed: entry.gasUsed }),
          ...(entry.effectiveGasPrice === undefined ? {} : { effectiveGasPrice: entry.effectiveGasPrice }),
          ...(entry.error === undefined ? {} : { error: entry.error }),
        },
        publishedAt: entry.updatedAt,
      });
      repaired.push({ round: entry.round, nonce: entry.nonce, status });
    } else {
      await markLedgerBookkept(
        context.dynamo,
        context.tables,
        { sender: entry.sender, nonce: entry.nonce },
        context.now(),
      );
    }
  }
  return repaired;
}
