import type { CorrelationsResult } from '../risk/crossAsset/computeCorrelations.js';

/** Partition of the correlations table holding one item per cycle. */
export const CORRELATIONS_SCOPE = 'cycle';

/** One cycle's stored correlations (docs/cross-asset.md §1). */
export interface StoredCorrelations {
  /** The cycle's key: the latest collection time among its snapshots, ms UTC. */
  readonly ts: number;
  readonly result: CorrelationsResult;
  /** The snapshots the candles came from, by asset. */
  readonly snapshots: readonly { readonly asset: string; readonly ts: number }[];
}
