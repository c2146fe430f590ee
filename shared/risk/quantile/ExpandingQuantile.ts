import { empiricalQuantileRank } from './empiricalQuantileRank.js';

/**
 * Empirical α-quantile (type 1, see empiricalQuantileRank) of an expanding sample: an
 * order-statistics structure with O(log n) insert and O(1) query, built from two binary heaps in
 * growable Float64Arrays: `low` (max-heap) holds the `m = ⌈α n⌉` smallest values, `high` (min-heap)
 * the rest; the quantile is the top of `low`. Values are never removed (FHS uses an expanding
 * window). Inserting allocates only when a heap doubles its capacity, never per value.
 *
 * A sorted array is a valid min-heap, and a reversed sorted array a valid max-heap, so
 * `fromSorted` rebuilds the structure from an engine checkpoint in O(n) without a comparison. The
 * quantile is a function of the multiset alone (not of the insertion order), so a structure rebuilt
 * from a checkpoint answers exactly as the one it was saved from.
 */
export class ExpandingQuantile {
  readonly alpha: number;
  private low: Float64Array; // max-heap
  private lowSize = 0;
  private high: Float64Array; // min-heap
  private highSize = 0;

  constructor(alpha: number, capacity = 256) {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    this.alpha = alpha;
    this.low = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
  }

  /** The structure holding exactly `sorted` (ascending), in O(n). */
  static fromSorted(alpha: number, sorted: Float64Array): ExpandingQuantile {
    const q = new ExpandingQuantile(alpha, Math.max(256, sorted.length + 64));
    const m = sorted.length === 0 ? 0 : empiricalQuantileRank(sorted.length, alpha);
    for (let i = 0; i < m; i++) q.low[i] = sorted[m - 1 - i]!;
    q.lowSize = m;
    q.high.set(sorted.subarray(m));
    q.highSize = sorted.length - m;
    return q;
  }

  get size(): number {
    return this.lowSize + this.highSize;
  }

  /** Every value held, in ascending order (a new array). */
  sorted(): Float64Array {
    const out = new Float64Array(this.size);
    out.set(this.low.subarray(0, this.lowSize));
    out.set(this.high.subarray(0, this.highSize), this.lowSize);
    return out.sort();
  }

  insert(x: number): void {
    if (this.lowSize > 0 && x < this.low[0]!) this.pushLow(x);
    else this.pushHigh(x);
    const m = empiricalQuantileRank(this.lowSize + this.highSize, this.alpha);
    while (this.lowSize > m) this.pushHigh(this.popLow());
    while (this.lowSize < m) this.pushLow(this.popHigh());
  }

  /** The current quantile; NaN for an empty sample. */
  value(): number {
    return this.lowSize === 0 ? Number.NaN : this.low[0]!;
  }

  private pushLow(x: number): void {
    if (this.lowSize === this.low.length) this.low = grow(this.low);
    const heap = this.low;
    let i = this.lowSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!(x > p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = x;
  }

  private pushHigh(x: number): void {
    if (this.highSize === this.high.length) this.high = grow(this.high);
    const heap = this.high;
    let i = this.highSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!(x < p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = x;
  }

  private popLow(): number {
    const heap = this.low;
    const top = heap[0]!;
    const n = --this.lowSize;
    if (n === 0) return top;
    const x = heap[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && heap[r]! > heap[l]! ? r : l;
      if (!(heap[c]! > x)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = x;
    return top;
  }

  private popHigh(): number {
    const heap = this.high;
    const top = heap[0]!;
    const n = --this.highSize;
    if (n === 0) return top;
    const x = heap[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && heap[r]! < heap[l]! ? r : l;
      if (!(heap[c]! < x)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = x;
    return top;
  }
}

function grow(heap: Float64Array): Float64Array {
  const grown = new Float64Array(heap.length * 2);
  grown.set(heap);
  return grown;
}
