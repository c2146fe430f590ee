/**
 * A growable column of doubles (Float64Array with capacity doubling): appends allocate only when
 * the capacity doubles, so stepping the engine hour by hour allocates nothing per hour.
 */
export class F64Column {
  private data: Float64Array;
  private size = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.size;
  }

  /** The live values (a view, valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.size);
  }

  /** The backing array: valid at indices below `length`, and only until the next push (no copy, no view). */
  raw(): Float64Array {
    return this.data;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  push(x: number): void {
    if (this.size === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = x;
  }

  /** Keeps the first `n` values. */
  truncate(n: number): void {
    this.size = Math.min(this.size, n);
  }

  /** Drops the first `n` values. */
  dropFront(n: number): void {
    this.data.copyWithin(0, n, this.size);
    this.size -= n;
  }

  /**
   * Replaces the contents with `values` (copied). A larger array leaves room for a sixteenth more
   * (at least 64): a restored checkpoint takes a few candles before it is saved again, and a
   * doubling would allocate as much again as it holds.
   */
  assign(values: Float64Array): void {
    if (values.length > this.data.length)
      this.data = new Float64Array(values.length + Math.max(64, values.length >>> 4));
    this.data.set(values);
    this.size = values.length;
  }
}
