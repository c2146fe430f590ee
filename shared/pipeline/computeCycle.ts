import type { PipelineContext } from './PipelineContext.js';
import { parsePairId } from '../config/parsePairId.js';
import { InputError } from '../errors/BallastError.js';
import { collectPairStage } from './collect/collectPairStage.js';
import { collectStage } from './collect/collectStage.js';
import { computeStage } from './compute/computeStage.js';
import type { CycleAssetResult } from './runCycle.js';

export interface ComputedCycle {
  readonly assets: readonly CycleAssetResult[];
  /** The pairs of the cycle (docs/cross-asset.md §2), computed from their legs' snapshots. */
  readonly pairs: readonly CycleAssetResult[];
  /** The publish step's input: every asset's and pair's record of this cycle. */
  readonly records: readonly { readonly asset: string; readonly ts: number; readonly publishDue: boolean }[];
}

/**
 * The part of a cycle before publishing, done once whatever the number of chains: collect →
 * compute for every asset concurrently (the Map state), then collect → compute for every pair
 * from its legs' snapshots of this cycle (no venue read twice).
 * `pairs` are configured pair ids `C/D` whose legs are both among `assets`. @default []
 */
export async function computeCycle(
  context: PipelineContext,
  assets: readonly string[],
  pairs: readonly string[] = [],
): Promise<ComputedCycle> {
  for (const pair of pairs) {
    const legs = parsePairId(pair);
    if (legs === undefined || !assets.includes(legs.collateral) || !assets.includes(legs.debt))
      throw new InputError(
        `pairs: "${pair}" needs both legs among the cycle's assets (${assets.join(', ')}); expected C/D with C and D collected this cycle`,
      );
  }
  const results = await Promise.all(
    assets.map(async (asset) => {
      const collect = await collectStage(context, { asset });
      const compute = await computeStage(context, { asset, ts: collect.ts });
      return { collect, compute };
    }),
  );
  const keyOf = new Map(
    results.map(({ collect }) => [collect.asset, { asset: collect.asset, ts: collect.ts }]),
  );
  const pairResults = await Promise.all(
    pairs.map(async (pair) => {
      const legs = parsePairId(pair)!;
      const collect = await collectPairStage(context, {
        pair,
        collateral: keyOf.get(legs.collateral)!,
        debt: keyOf.get(legs.debt)!,
      });
      const compute = await computeStage(context, { asset: pair, ts: collect.ts });
      return { collect, compute };
    }),
  );
  const records = [...results, ...pairResults].map(({ compute }) => ({
    asset: compute.asset,
    ts: compute.ts,
    publishDue: compute.publishDue,
  }));
  return { assets: results, pairs: pairResults, records };
}
