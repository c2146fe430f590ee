import type { CorrelationsResult } from '../../risk/crossAsset/computeCorrelations.js';
import { getStoredCorrelations } from '../../store/getStoredCorrelations.js';
import type { StoredCorrelations } from '../../store/StoredCorrelations.js';
import type { ApiContext } from '../ApiContext.js';
import { NotFoundError } from '../errors.js';

export interface CorrelationsBody extends Omit<CorrelationsResult, 'asOf'> {
  readonly asOf: string;
  /** Collection time of the cycle that stored them. */
  readonly cycleAt: string;
  readonly snapshots: StoredCorrelations['snapshots'];
}

/**
 * `GET /v1/correlations[?at=TIME]`: EWMA and stressed correlations of the cycle's assets and the
 * pairs that moved most (docs/cross-asset.md §1), as the latest cycle (at or before `at`) stored
 * them (shared/pipeline/correlate/correlateStage.ts).
 * @throws NotFoundError when no cycle stored correlations by then.
 */
export async function getCorrelations(context: ApiContext, at?: number): Promise<CorrelationsBody> {
  const stored = await getStoredCorrelations(context.dynamo, context.tables, at);
  if (stored === undefined)
    throw new NotFoundError(
      at === undefined
        ? 'no cycle has stored correlations yet; a cycle stores them when it collects at least two assets'
        : `at: no cycle stored correlations at or before ${new Date(at).toISOString()}`,
      {
        ...(at === undefined ? {} : { field: 'at' }),
        fix: 'wait for the next cycle, or run one with `ballast run --local`',
      },
    );
  const { result } = stored;
  return {
    ...result,
    asOf: new Date(result.asOf).toISOString(),
    cycleAt: new Date(stored.ts).toISOString(),
    snapshots: stored.snapshots,
  };
}
