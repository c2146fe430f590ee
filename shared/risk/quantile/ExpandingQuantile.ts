import { empiricalQuantileRank } from './empiricalQuantileRank.js';

/**
 * Empirical α-quantile (type 1, see empiricalQuantileRank) of an expanding sample, updated in
 * O(log n) per insert with two heaps: `low` (max-heap) holds the `m = ⌈α n⌉` smallest values, `high`
 * (min-heap) the rest; the quantile is the top of `low`. Values are never removed (FHS uses an
 * expanding window), so a year of hourly inserts costs milliseconds instead of a sort per hour.
 */
export class ExpandingQuantile {
  readonly alpha: number;
  private readonly low: number[] = []; // max-heap
  private readonly high: number[] = []; // min-heap

  constructor(alpha: number) {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    this.alpha = alpha;
  }

  get size(): number {
    return this.low.length + this.high.length;
  }

  insert(x: number): void {
    if (this.low.length > 0 && x < this.low[0]!) push(this.low, x, gt);
    else push(this.high, x, lt);
    const m = empiricalQuantileRank(this.size, this.alpha);
    while (this.low.length > m) push(this.high, pop(this.low, gt), lt);
    while (this.low.length < m) push(this.low, pop(this.high, lt), gt);
  }

  /** The current quantile; NaN for an empty sample. */
  value(): number {
    return this.low.length === 0 ? Number.NaN : this.low[0]!;
  }
}

type Before = (a: number, b: number) => boolean;
const gt: Before = (a, b) => a > b;
const lt: Before = (a, b) => a < b;

function push(heap: number[], x: number, before: Before): void {
  heap.push(x);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function pop(heap: number[], before: Before): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let best = i;
    if (l < heap.length && before(heap[l]!, heap[best]!)) best = l;
    if (r < heap.length && before(heap[r]!, heap[best]!)) best = r;
    if (best === i) break;
    [heap[i], heap[best]] = [heap[best]!, heap[i]!];
    i = best;
  }
  return top;
}
