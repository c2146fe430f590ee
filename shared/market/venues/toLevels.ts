import type { Level } from '../../core/types.js';

export interface ToLevelsParams {
  /** `[price, size]` pairs already validated as finite non-negative numbers. */
  readonly levels: readonly (readonly [number, number, ...unknown[]])[];
  readonly side: 'bids' | 'asks';
}

/**
 * Canonical side of a book: zero-size levels dropped (a venue's "level removed" marker), bids sorted
 * descending and asks ascending by price. Venues already send sorted sides; the sort is a no-op
 * check then (O(n) on sorted input for V8's TimSort).
 */
export function toLevels({ levels, side }: ToLevelsParams): Level[] {
  const out: Level[] = [];
  for (const level of levels) {
    const price = level[0];
    const size = level[1];
    if (size > 0 && price > 0) out.push([price, size]);
  }
  if (side === 'bids') out.sort((a, b) => b[0] - a[0]);
  else out.sort((a, b) => a[0] - b[0]);
  return out;
}
