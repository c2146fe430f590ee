import { getAssetHead } from '../../store/getAssetHead.js';
import { getRiskRecord } from '../../store/getRiskRecord.js';
import type { RecordKey, StoredRiskRecord } from '../../store/StoredRiskRecord.js';
import { readLatest } from '../../chain/oracle/readLatest.js';
import { roundOnChain } from '../../store/roundOnChain.js';
import { laneIncludes } from './laneIncludes.js';
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
  /** Assets in `due` only because this chain lags behind another (catch-up, docs/multi-chain.md). */
  readonly catchUp: string[];
}

/**
 * The records this chain's lane publishes (docs/multi-chain.md), among the lane's assets:
 * - a due record not yet on THIS chain (its chain mark) and not superseded by a newer record that
 *   moved the asset's head (on any chain, or by compute);
 * - catch-up: a record the engine found not due, when this chain lags, i.e. what the chain holds
 *   for the asset was observed before the newest publication on any chain (or it holds nothing while
 *   another chain does). The current record is sent, never the backlog it missed.
 */
export async function loadDueRecords(
  context: PublisherContext,
  records: readonly (RecordKey & { readonly publishDue: boolean })[],
): Promise<LoadDueRecordsResult> {
  const chainId = context.rpc.chainId;
  const due: StoredRiskRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const catchUp: string[] = [];
  await Promise.all(
    records
      .filter((r) => laneIncludes(context.lane, r.asset))
      .map(async (r) => {
        const head = await getAssetHead(context.dynamo, context.tables, r.asset);
        if (!r.publishDue && !(await lagsBehind(context, r.asset, head))) return;
        const stored = await getRiskRecord(context.dynamo, context.tables, r);
        const key = { asset: r.asset, ts: r.ts };
        const round = roundOnChain(stored, chainId);
        if (round !== undefined) skipped.push({ ...key, reason: 'already-published', round });
        else if (head !== undefined && supersedes(head.recordTs, r, stored))
          skipped.push({
            ...key,
            reason: 'superseded',
            byTs: head.recordTs,
            ...(head.lastRound === undefined ? {} : { round: head.lastRound }),
          });
        else {
          due.push(stored);
          if (!r.publishDue) catchUp.push(r.asset);
        }
      }),
  );
  catchUp.sort();
  due.sort((a, b) => a.asset.localeCompare(b.asset));
  skipped.sort((a, b) => a.asset.localeCompare(b.asset) || a.ts - b.ts);
  return { due, skipped, catchUp };
}

/**
 * Whether the head has moved past `r`: to a newer record, or to `r` itself by a publication that
 * left no chain mark on it. A due record's head moves only when it is published; when another
 * chain published it (its mark is there, not this chain's), this chain still publishes it.
 * A record that was not due moved the head at compute time and may still be a chain's catch-up.
 */
function supersedes(
  headTs: number,
  r: { readonly ts: number; readonly publishDue: boolean },
  stored: StoredRiskRecord,
): boolean {
  if (headTs !== r.ts) return headTs > r.ts;
  return r.publishDue && stored.chains === undefined && stored.round === undefined;
}

/** Whether this chain holds older parameters for `asset` than the newest publication on any chain. */
async function lagsBehind(
  context: PublisherContext,
  asset: string,
  head: Awaited<ReturnType<typeof getAssetHead>>,
): Promise<boolean> {
  if (head?.lastObservedAt === undefined) return false;
  const onChain = await context.rpc.call((provider) =>
    readLatest({ address: context.oracleAddress, runner: provider }, asset),
  );
  return onChain === undefined || onChain.observedAt * 1000 < head.lastObservedAt;
}
