import { getAssetHead } from '../../store/assetHeads.js';
import { getRiskRecord, type RecordKey, type StoredRiskRecord } from '../../store/riskRecords.js';
import type { PublisherContext } from './PublisherContext.js';

/**
 * The due records still worth publishing: not yet on-chain, and newer than the asset's head.
 * Sorted by asset, so a batch's order never depends on the order the stages finished in.
 */
export async function loadDueRecords(
  context: PublisherContext,
  records: readonly (RecordKey & { readonly publishDue: boolean })[],
): Promise<StoredRiskRecord[]> {
  const due = records.filter((r) => r.publishDue);
  const loaded = await Promise.all(
    due.map(async (r) => {
      const [stored, head] = await Promise.all([
        getRiskRecord(context.dynamo, context.tables, r),
        getAssetHead(context.dynamo, context.tables, r.asset),
      ]);
      if (stored.round !== undefined) return undefined;
      if (head !== undefined && head.recordTs >= r.ts) return undefined;
      return stored;
    }),
  );
  return loaded
    .filter((r): r is StoredRiskRecord => r !== undefined)
    .sort((a, b) => a.asset.localeCompare(b.asset));
}
