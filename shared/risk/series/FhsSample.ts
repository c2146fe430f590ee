import { objectArray } from '../../core/objectArray.js';
import { HOUR_MS } from '../../core/time.js';
import { ExpandingQuantile } from '../quantile/ExpandingQuantile.js';
import { standardisedDrop } from '../quantile/standardisedDrop.js';

/** An FhsSample as a plain JSON value (part of an engine checkpoint). */
export interface FhsSampleState {
  readonly horizonHours: number;
  readonly cutoffHours: number;
  /** Next start index not yet examined. */
  readonly next: number;
  /** The quantile levels tracked, ascending. */
  readonly alphas: readonly number[];
}

/**
 * The expanding sample of standardised worst drops `z_i(H)` for one whole-hour horizon H, kept up to
 * date incrementally (docs/methodology.md §4). `z_i` joins the sample once its window `(ts_i, ts_i + H h]` has
 * closed, i.e. when `ts_i + H h ≤ ts_t`: no look-ahead. All horizons of one asset use the same start
 * hours (those whose longest possible window, `cutoffHours`, has closed), so that a longer horizon
 * gives an element-wise larger sample of `z_i √H` and therefore never a smaller drop quantile: a
 * larger Q can then never raise LT or LTV. It costs at most the newest `cutoffHours − H` starts.
 * Each new z costs O(1) amortised for the window minimum (a sliding minimum) and O(log n) per
 * tracked quantile (ExpandingQuantile), so a walk-forward over years stays linear.
 */
export class FhsSample {
  readonly horizonHours: number;
  /** Start hours enter once this many hours (≥ H) have closed after them; shared by all horizons. */
  readonly cutoffHours: number;
  /** Every z so far, in an order-statistics structure per tracked α (all hold the same multiset). */
  private readonly trackers = new Map<number, ExpandingQuantile>();
  /** The same trackers, in an array (iterated per z without an iterator object). */
  private readonly trackerList: ExpandingQuantile[] = objectArray<ExpandingQuantile>();
  /** Values held while no α is tracked yet (only between creation and the first quantile call). */
  private pending: number[] = [];
  /** Next start index i not yet examined. */
  private next = 0;
  /**
   * Restored from a checkpoint: the sorted values it held, and the values added since. The next
   * checkpoint's sorted sample is then a merge, O(n), instead of a sort of every value.
   */
  private base: Float64Array | null = null;
  private added: number[] = [];
  /**
   * The window minimum as start hours advance (a sliding minimum, O(1) amortised per start instead
   * of a scan of H closes): indices j of the window `(ts_i, ts_i + H h]` read so far, up to
   * `windowEnd`, whose closes ascend from `head` to `tail` (a ring of `ring.length` slots: a window
   * holds at most H candles, H + 1 while it moves). Derived from the columns alone, so it is not in
   * the checkpoint: a restored sample starts it empty at its first catch-up, and the minimum is the
   * same.
   */
  private readonly ring: Int32Array;
  private head = 0;
  private tail = 0;
  private windowEnd = -1;

  constructor(horizonHours: number, cutoffHours: number) {
    this.horizonHours = horizonHours;
    this.cutoffHours = Math.max(horizonHours, cutoffHours);
    this.ring = new Int32Array(horizonHours + 2); // at most H + 1 indices at once, with a spare slot
  }

  get count(): number {
    const first = this.trackerList[0];
    return first === undefined ? this.pending.length : first.size;
  }

  /**
   * Adds every z whose window has closed by index `t` (inclusive), from the candle history's columns
   * (owned by RiskSeries, valid up to `t`): open times, closes and the model variance after each
   * candle (σ²_fast for `ewma`; NaN before seeding).
   */
  catchUp(ts: Float64Array, close: Float64Array, varModel: Float64Array, t: number): void {
    const trackers = this.trackerList;
    const spanMs = this.horizonHours * HOUR_MS;
    const cutoffMs = this.cutoffHours * HOUR_MS;
    const lastTs = ts[t]!;
    const ring = this.ring;
    const cap = ring.length;
    while (this.next <= t && ts[this.next]! + cutoffMs <= lastTs) {
      const i = this.next++;
      // The window moves to (ts_i, ts_i + H h]: closes that opened in it join at the back (each
      // dropping the larger closes before it), the start and older leave at the front. Every window
      // end is at most t: ts_i + H h ≤ ts_i + cutoff ≤ ts_t.
      const end = ts[i]! + spanMs;
      if (this.windowEnd < i) {
        this.windowEnd = i;
        this.head = this.tail; // empty
      }
      while (this.windowEnd < t && ts[this.windowEnd + 1]! <= end) {
        const j = ++this.windowEnd;
        const c = close[j]!;
        while (this.tail > this.head && close[ring[(this.tail - 1) % cap]!]! >= c) this.tail -= 1;
        ring[this.tail % cap] = j;
        this.tail += 1;
      }
      while (this.tail > this.head && ring[this.head % cap]! <= i) this.head += 1;
      const variance = varModel[i]!;
      if (!(variance > 0)) continue;
      // The smallest close in the window (the front); none when the whole window is a gap.
      if (this.tail === this.head) continue;
      const min = close[ring[this.head % cap]!]!;
      const z = standardisedDrop({
        close: close[i]!,
        minCloseAhead: min,
        sigma: Math.sqrt(variance),
        horizonHours: this.horizonHours,
      });
      if (trackers.length === 0) this.pending.push(z);
      else for (let k = 0; k < trackers.length; k++) trackers[k]!.insert(z);
      if (this.base !== null) this.added.push(z);
    }
  }

  /** The empirical α-quantile of the sample (NaN when empty). */
  quantile(alpha: number): number {
    return this.track(alpha).value();
  }

  /**
   * The structure of the α-quantile, created from the values held when α is first asked for (the
   * quantile depends on the multiset only, so any insertion order gives the same value).
   */
  private track(alpha: number): ExpandingQuantile {
    let tracker = this.trackers.get(alpha);
    if (tracker === undefined) {
      tracker = ExpandingQuantile.fromSorted(alpha, this.sortedValues());
      this.pending = [];
      this.trackers.set(alpha, tracker);
      this.trackerList.push(tracker);
    }
    return tracker;
  }

  /** The sample in ascending order (a new array; the order of `Float64Array.prototype.sort`). */
  sortedValues(): Float64Array {
    if (this.base !== null) return mergeSorted(this.base, Float64Array.from(this.added).sort());
    const first = this.trackerList[0];
    if (first !== undefined) return first.sorted();
    return Float64Array.from(this.pending).sort();
  }

  toState(): FhsSampleState {
    return {
      horizonHours: this.horizonHours,
      cutoffHours: this.cutoffHours,
      next: this.next,
      alphas: [...this.trackers.keys()].sort((a, b) => a - b),
    };
  }

  /** The sample `toState` saw, holding `sorted` (its `sortedValues()`). */
  static fromState(state: FhsSampleState, sorted: Float64Array): FhsSample {
    const sample = new FhsSample(state.horizonHours, state.cutoffHours);
    sample.next = state.next;
    if (state.alphas.length === 0) sample.pending = Array.from(sorted);
    else if (isSorted(sorted)) sample.base = sorted; // (a malformed checkpoint keeps the sort)
    for (const alpha of state.alphas) {
      if (sample.trackers.has(alpha)) continue;
      const tracker = ExpandingQuantile.fromSorted(alpha, sorted);
      sample.trackers.set(alpha, tracker);
      sample.trackerList.push(tracker);
    }
    return sample;
  }
}

/** `a` and `b` (each ascending) as one ascending array, in the total order of TypedArray sort (−0 before +0, NaN last). */
function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (b.length === 0) return a.slice();
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = before(b[j]!, a[i]!) ? b[j++]! : a[i++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function isSorted(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (before(a[i]!, a[i - 1]!)) return false;
  return true;
}

function before(x: number, y: number): boolean {
  if (x < y) return true;
  if (x === 0 && y === 0) return Object.is(x, -0) && !Object.is(y, -0);
  return x === x && y !== y; // a number before NaN
}
