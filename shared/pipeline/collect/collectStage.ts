import { collectMarketSnapshot } from '../../market/collectMarketSnapshot.js';
import { compactSnapshot } from '../../market/compactSnapshot.js';
import { UnknownAssetError } from '../errors.js';
import { putSnapshot } from '../../store/putSnapshot.js';
import type { PipelineContext } from '../PipelineContext.js';
import { toRiskInputs } from './toRiskInputs.js';

export interface CollectStageParams {
  readonly asset: string;
}

export interface CollectStageResult {
  readonly asset: string;
  /** The snapshot's key (collection time, ms). */
  readonly ts: number;
  readonly degraded: boolean;
  readonly inputsHash: string;
  readonly venues: readonly { venue: string; ok: boolean; excludedReason?: string }[];
  readonly referencePrice: number | null;
}

/**
 * Stage 1: read every configured venue for one asset, aggregate, and store the snapshot with the
 * engine's exact inputs. A failing venue is excluded with a reason; it never fails the stage.
 */
export async function collectStage(
  context: PipelineContext,
  { asset }: CollectStageParams,
): Promise<CollectStageResult> {
  const config = context.config.assets[asset];
  if (config === undefined) {
    throw new UnknownAssetError(asset, Object.keys(context.config.assets));
  }
  const snapshot = await collectMarketSnapshot({
    asset,
    config,
    now: context.now(),
    cyclePeriodSeconds: context.config.cyclePeriodSeconds,
    ...(context.venueBaseUrl === undefined ? {} : { simBaseUrl: context.venueBaseUrl }),
  });
  const inputs = toRiskInputs(snapshot, config.liquidationSizeUsd);
  const { inputsHash } = await putSnapshot(context.dynamo, context.tables, {
    asset,
    ts: snapshot.ts,
    compact: compactSnapshot(snapshot),
    inputs,
  });
  return {
    asset,
    ts: snapshot.ts,
    degraded: snapshot.degraded,
    inputsHash,
    referencePrice: snapshot.referencePrice,
    venues: snapshot.venues.map((v) => ({
      venue: v.venue,
      ok: v.ok,
      ...(v.excludedReason === undefined ? {} : { excludedReason: v.excludedReason }),
    })),
  };
}
