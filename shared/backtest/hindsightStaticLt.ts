import type { BreachSample } from './evaluateSeries.js';

/**
 * The highest fixed LT (integer bp) that, over the same samples, breaches no more often than
 * `maxBreaches` (docs/methodology.md §9 static comparison (b)). A static LT breaches at t iff
 * `recovery_t < LT`, so the answer is the largest bp not above the (maxBreaches+1)-th smallest
 * recovery. Range: [0, 10 000].
 */
export function hindsightStaticLt(samples: readonly BreachSample[], maxBreaches: number): number {
  const sorted = samples.map((s) => s.recovery).sort((a, b) => a - b);
  if (maxBreaches >= sorted.length) return 10_000;
  const limit = sorted[maxBreaches]!;
  let lt = Math.min(10_000, Math.max(0, Math.floor(limit * 10_000)));
  const count = (x: number): number => sorted.filter((v) => v < x / 10_000).length;
  while (lt > 0 && count(lt) > maxBreaches) lt -= 1;
  return lt;
}
