import { listOpenLedgerEntries } from '../../store/listOpenLedgerEntries.js';
import type { LedgerEntry } from '../../store/LedgerEntry.js';
import { getPublication } from '../../store/getPublication.js';
import { logger } from '../../observability/powertools.js';
import type { PublisherContext } from './PublisherContext.js';
import { recordDropped } from './recordDropped.js';
import { recordOutcome, type RecordedOutcome } from './recordOutcome.js';
import { sendAndConfirm } from './sendAndConfirm.js';

export type ReconcileLedgerResult =
  /** Every open entry is final now; what became of each. */
  | { readonly kind: 'reconciled'; readonly recovered: readonly RecordedOutcome[] }
  /** An entry is still pending: nothing new may be signed until it is final. */
  | { readonly kind: 'pending'; readonly entry: LedgerEntry; readonly txHash: string };

/** Finishes every transaction a previous invocation left open, oldest nonce first. */
export async function reconcileLedger(
  context: PublisherContext,
  { sender, oracle }: { readonly sender: string; readonly oracle: string },
): Promise<ReconcileLedgerResult> {
  const recovered: RecordedOutcome[] = [];
  const open = (await listOpenLedgerEntries(context.dynamo, context.tables, sender)).sort(
    (a, b) => a.nonce - b.nonce,
  );
  for (const entry of open) {
    logger.info('reconciling an open ledger entry', {
      nonce: entry.nonce,
      round: entry.round,
      status: entry.status,
    });
    const publication = await getPublication(context.dynamo, context.tables, oracle, entry.round);
    const outcome = await sendAndConfirm(context, entry);
    if (outcome.kind === 'pending') return { kind: 'pending', entry, txHash: outcome.txHash };
    recovered.push(
      outcome.kind === 'dropped'
        ? await recordDropped(context, entry, publication, outcome.accountNonce)
        : await recordOutcome(context, entry, publication, outcome.receipt),
    );
  }
  return { kind: 'reconciled', recovered };
}
