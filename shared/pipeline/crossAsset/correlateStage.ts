import { CrossAssetInputError } from '../../risk/crossAsset/errors.js';
import { computeCorrelations } from '../../risk/crossAsset/computeCorrelations.js';
import { getSnapshot } from '../../store/getSnapshot.js';
import { putCorrelations } from '../../store/putCorrelations.js';
import type { PipelineContext } from '../PipelineContext.js';

export interface CorrelateStageParams {
  /** The snapshots this cycle's collects stored, one per asset. */
  readonly snapshots: readonly { readonly asset: string; readonly ts: number }[];
}

export type CorrelateStageResult =
  | {
      readonly status: 'stored';
      /** The cycle's key in the correlations table: the latest snapshot time, ms UTC. */
      readonly ts: number;
      readonly assets: readonly string[];
      /** Close time of the last synchronous hour used, ms UTC. */
      readonly asOf: number;
      readonly inputsHash: string;
      /** False when a retry found the identical item already stored. */
      readonly written: boolean;
    }
  | { readonly status: 'skipped'; readonly reason: string };

/**
 * The cycle's correlations (docs/cross-asset.md §1), stored once per cycle: the candles of the
 * snapshots this cycle's collects stored are read back (no venue is read again), correlated up to
 * the earliest of their `asOf` (computeCorrelations), and written with the snapshot keys they came
 * from. A cycle of fewer than two assets, or with too little synchronous history, has nothing to
 * correlate and is skipped, saying why.
 */
export async function correlateStage(
  context: PipelineContext,
  { snapshots }: CorrelateStageParams,
): Promise<CorrelateStageResult> {
  if (snapshots.length < 2)
    return { status: 'skipped', reason: `${snapshots.length} asset(s) in the cycle; correlations need two` };
  const stored = await Promise.all(
    snapshots.map(({ asset, ts }) => getSnapshot(context.dynamo, context.tables, asset, ts)),
  );
  const candles = Object.fromEntries(stored.map((s) => [s.asset, s.inputs.candles]));
  const asOf = Math.min(...stored.map((s) => s.inputs.asOf));
  let result: ReturnType<typeof computeCorrelations>;
  try {
    result = computeCorrelations({ candles, asOf });
  } catch (error) {
    // Too little synchronous history (a new asset): nothing to store this cycle, and it says why.
    if (error instanceof CrossAssetInputError) return { status: 'skipped', reason: error.message };
    throw error;
  }
  const ts = Math.max(...snapshots.map((s) => s.ts));
  const { written } = await putCorrelations(context.dynamo, context.tables, {
    ts,
    result,
    snapshots: snapshots.map(({ asset, ts: snapshotTs }) => ({ asset, ts: snapshotTs })),
  });
  return {
    status: 'stored',
    ts,
    assets: result.assets,
    asOf: result.asOf,
    inputsHash: result.inputsHash,
    written,
  };
}
