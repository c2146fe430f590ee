import { getAssetHead } from '../../store/getAssetHead.js';
import { getRiskRecord } from '../../store/getRiskRecord.js';
import type { RecordKey, StoredRiskRecord } from '../../store/StoredRiskRecord.js';
import type { PublisherContext } from './PublisherContext.js';

/** A due record the publisher leaves out, and why. */
export interface SkippedRecord extends RecordKey {
  readonly reason: 'already-published' | 'superseded';
  /** The round that carries it (already published), or that carries a newer record (superseded). */
  readonly round?: string;
  /** `ts` of the newer record already published for the asset (superseded). */
  readonly byTs?: number;
}

export interface LoadDueRecordsResult {
  /** Sorted by asset, so a batch's order never depends on the order the stages finished in. */
  readonly due: StoredRiskRecord[];
  readonly skipped: SkippedRecord[];
}

/** The due records still worth publishing: not yet on-chain, and newer than the asset's head. */
export async function loadDueRecords(
  context: PublisherContext,
  records: readonly (RecordKey & { readonly publishDue: boolean })[],
): Promise<LoadDueRecordsResult> {
  const due: StoredRiskRecord[] = [];
  const skipped: SkippedRecord[] = [];
  await Promise.all(
    records
      .filter((r) => r.publishDue)
      .map(async (r) => {
        const [stored, head] = await Promise.all([
          getRiskRecord(context.dynamo, context.tables, r),
          getAssetHead(context.dynamo, context.tables, r.asset),
        ]);
        const key = { asset: r.asset, ts: r.ts };
        if (stored.round !== undefined)
          skipped.push({ ...key, reason: 'already-published', round: stored.round });
        else if (head !== undefined && head.recordTs >= r.ts)
          skipped.push({
            ...key,
            reason: 'superseded',
            byTs: head.recordTs,
            ...(head.lastRound === undefined ? {} : { round: head.lastRound }),
          });
        else due.push(stored);
      }),
  );
  due.sort((a, b) => a.asset.localeCompare(b.asset));
  skipped.sort((a, b) => a.asset.localeCompare(b.asset) || a.ts - b.ts);
  return { due, skipped };
}
