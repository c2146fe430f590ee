import type { Level } from '../../core/types.js';

export interface ConsolidateLevelsParams {
  /** One side per venue, in the venue's quote, sorted best first. */
  readonly books: readonly { readonly levels: readonly Level[]; readonly usdPerQuote: number }[];
  readonly side: 'bids' | 'asks';
}

/**
 * Consolidated side across venues (docs/methodology.md §5): each price converted to USD (`price × usdPerQuote`),
 * all levels merged by price (equal USD prices summed), best first (bids descending, asks ascending).
 * Sizes stay in base units. O(N log N) for N levels in total.
 */
export function consolidateLevels({ books, side }: ConsolidateLevelsParams): Level[] {
  const all: [number, number][] = [];
  for (const { levels, usdPerQuote } of books) {
    for (const [price, size] of levels) all.push([price * usdPerQuote, size]);
  }
  all.sort(side === 'bids' ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0]);
  const out: Level[] = [];
  let current: [number, number] | undefined;
  for (const level of all) {
    if (current !== undefined && current[0] === level[0]) current[1] += level[1];
    else {
      if (current !== undefined) out.push(current);
      current = [level[0], level[1]];
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}
