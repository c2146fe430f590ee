import { logger } from '../../observability/powertools.js';
import type { PublishedAsset } from '../../store/Publication.js';
import type { RecordKey } from '../../store/StoredRiskRecord.js';
import type { RoundImpact } from '../../risk/health/RoundImpact.js';
import type { RejectedAsset } from './buildAcceptedBatch.js';
import { emitChainMetrics } from './emitChainMetrics.js';
import type { PublisherContext } from './PublisherContext.js';
import { publishUnderLease } from './publishUnderLease.js';
import type { RecordedOutcome } from './recordOutcome.js';
import type { RepairedRound } from './repairBookkeeping.js';
import type { SkippedRecord } from './loadDueRecords.js';

export type { RejectedAsset } from './buildAcceptedBatch.js';

export interface PublishStageParams {
  /** The compute stage's results for this cycle. */
  readonly records: readonly (RecordKey & { readonly publishDue: boolean })[];
}

export type PublishStageResult =
  | {
      readonly status: 'nothing-due';
      readonly recovered: readonly RecordedOutcome[];
      /** Rounds whose bookkeeping a previous publisher left half-done, finished now. */
      readonly repaired: readonly RepairedRound[];
      /** Due records not published, with why (already on-chain, or superseded by a newer record). */
      readonly skipped: readonly SkippedRecord[];
    }
  | { readonly status: 'busy'; readonly detail: string }
  | { readonly status: 'pending'; readonly round: string; readonly txHash: string }
  /** Another transaction took the nonce; the round is free again and the records stay due. */
  | {
      readonly status: 'dropped';
      readonly round: string;
      readonly error: string;
      readonly recovered: readonly RecordedOutcome[];
      readonly repaired: readonly RepairedRound[];
    }
  | {
      readonly status: 'rejected';
      readonly round: string;
      readonly error: string;
      readonly assets: readonly string[];
      /** Every asset refused in this step, with its reason. */
      readonly rejected: readonly RejectedAsset[];
    }
  | ({
      readonly status: 'mined' | 'reverted';
      readonly round: string;
      readonly signer: string;
      readonly assets: readonly PublishedAsset[];
      /** Assets left out of the batch because the oracle refused them (their records carry the reason). */
      readonly rejected: readonly RejectedAsset[];
      readonly recovered: readonly RecordedOutcome[];
      readonly repaired: readonly RepairedRound[];
      /** The round's impact on positions, computed before it was signed and recorded with it. */
      readonly impact?: RoundImpact;
    } & RecordedOutcome);

/**
 * Stage 3, the single writer to the chain for (chain, key). Holds a DynamoDB lease for the whole
 * step, first finishes any transaction a previous invocation left open (so a retried Lambda never
 * publishes twice), then batches the due assets, signs the batch ONCE (EIP-712), records the
 * round and the signed transaction before broadcasting, and records the outcome
 * (`publishUnderLease`).
 *
 * Chain metrics (staleness, signer balance) follow every step that held the lease.
 */
export async function publishStage(
  context: PublisherContext,
  params: PublishStageParams,
): Promise<PublishStageResult> {
  const signer = await context.signer.getAddress();
  const result = await publishUnderLease(context, params, signer);
  // Every step that ran, not only those that published: staleness grows precisely in the cycles
  // where nothing is published (or publishing fails). Read after the lease is released.
  if (result.status !== 'busy') {
    await emitChainMetrics(context, signer).catch((error: unknown) =>
      logger.warn('chain metrics failed', { error }),
    );
  }
  return result;
}
