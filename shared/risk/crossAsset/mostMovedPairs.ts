import type { Matrix } from './types.js';

export interface MovedPair {
  readonly a: string;
  readonly b: string;
  readonly now: number;
  readonly before: number;
  /** `now − before`. */
  readonly change: number;
}

export interface MostMovedPairsParams {
  readonly assets: readonly string[];
  readonly now: Matrix;
  readonly before: Matrix;
  /** How many pairs to return (≥ 0). */
  readonly count: number;
}

/**
 * The pairs whose correlation moved most between two matrices indexed like `assets`
 * (docs/cross-asset.md): sorted by `|now − before|` descending, ties by asset names, so the
 * order is deterministic. Units: correlation change, in [−2, 2].
 */
export function mostMovedPairs({ assets, now, before, count }: MostMovedPairsParams): MovedPair[] {
  const pairs: MovedPair[] = [];
  for (let i = 0; i < assets.length; i++)
    for (let j = i + 1; j < assets.length; j++) {
      const n = now[i]![j]!;
      const b = before[i]![j]!;
      pairs.push({ a: assets[i]!, b: assets[j]!, now: n, before: b, change: n - b });
    }
  pairs.sort(
    (x, y) => Math.abs(y.change) - Math.abs(x.change) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
  );
  return pairs.slice(0, Math.max(0, count));
}
