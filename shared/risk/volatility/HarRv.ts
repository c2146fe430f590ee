import { DAY_MS, HOUR_MS } from '../../core/time.js';
import { solveLinearSystem } from './solveLinearSystem.js';

/** Completed days of RV kept: the regressors at the day before the newest reach 30 days further back. */
const RV_KEEP = 31;

/** HarRv as a plain JSON value (part of an engine checkpoint). */
export interface HarRvState {
  readonly minDays: number;
  /** The newest completed days' RV (at most 31), oldest first. */
  readonly rv: readonly number[];
  readonly rvCount: number;
  /** UTC day number of the day being accumulated; null before the first push. */
  readonly day: number | null;
  readonly sumSq: number;
  readonly n: number;
  readonly xtx: readonly (readonly number[])[];
  readonly xty: readonly number[];
  readonly rows: number;
  /** Daily variance forecast; null when none (NaN in memory). */
  readonly forecast: number | null;
}

/**
 * HAR-RV forecast of the next day's variance (Corsi 2009; docs/methodology.md §3.6), fed one hourly
 * return at a time. Daily realised variance `RV_d = 24 · mean(r²)` over the returns of the candles
 * opening in UTC day `d` (equal to `Σ r²` for a full day; a day with missing hours is scaled, a day
 * with no candle is skipped, never zero). Regressors at day `d`: `RV_d`, `RV_w` = mean of the last 7
 * daily RVs, `RV_m` = mean of the last 30. `RV_{d+1} = β₀ + β_d RV_d + β_w RV_w + β_m RV_m` by ordinary
 * least squares over every day pair known so far (expanding window), refit when a day completes (the
 * push of its 23:00 candle, or the first candle of a later day): no look-ahead. Units: variance per
 * day; `hourlyVariance()` = forecast / 24.
 */
export class HarRv {
  /**
   * The last RV_KEEP completed days' realised variances: day k at `rv[k % RV_KEEP]`. The regressors
   * read at most the 31 newest (RV_m of the day before the newest), so the state stays bounded.
   */
  private readonly rv: number[] = new Array<number>(RV_KEEP).fill(0);
  private rvCount = 0;
  private day = Number.NaN;
  private sumSq = 0;
  private n = 0;
  private readonly xtx: number[][] = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  private readonly xty: number[] = [0, 0, 0, 0];
  private rows = 0;
  private forecast = Number.NaN;
  private readonly minDays: number;

  /** @param minDays days of RV before a forecast is given (≥ 31: 30 for RV_m plus one pair). */
  constructor(minDays: number) {
    this.minDays = Math.max(31, minDays);
  }

  /** Completed days so far. */
  get days(): number {
    return this.rvCount;
  }

  /** Everything carried to the next push (engine checkpoints), as plain JSON numbers (NaN as null). */
  toState(): HarRvState {
    const keep = Math.min(RV_KEEP, this.rvCount);
    const rv: number[] = [];
    for (let k = this.rvCount - keep; k < this.rvCount; k++) rv.push(this.rv[k % RV_KEEP]!);
    return {
      minDays: this.minDays,
      rv,
      rvCount: this.rvCount,
      day: Number.isNaN(this.day) ? null : this.day,
      sumSq: this.sumSq,
      n: this.n,
      xtx: this.xtx.map((row) => [...row]),
      xty: [...this.xty],
      rows: this.rows,
      forecast: Number.isNaN(this.forecast) ? null : this.forecast,
    };
  }

  /** The estimator exactly as `toState` saw it. */
  static fromState(state: HarRvState): HarRv {
    const har = new HarRv(state.minDays);
    har.rvCount = state.rvCount;
    state.rv.forEach((v, i) => {
      har.rv[(state.rvCount - state.rv.length + i) % RV_KEEP] = v;
    });
    har.day = state.day ?? Number.NaN;
    har.sumSq = state.sumSq;
    har.n = state.n;
    for (let i = 0; i < 4; i++) {
      har.xty[i] = state.xty[i]!;
      for (let k = 0; k < 4; k++) har.xtx[i]![k] = state.xtx[i]![k]!;
    }
    har.rows = state.rows;
    har.forecast = state.forecast ?? Number.NaN;
    return har;
  }

  /** Adds the hourly-equivalent return of the candle opening at `ts` (NaN for the first candle). */
  push(ts: number, r: number): void {
    const day = Math.floor(ts / DAY_MS);
    if (day !== this.day) {
      if (this.n > 0) this.completeDay();
      this.day = day;
    }
    if (Number.isFinite(r)) {
      this.sumSq += r * r;
      this.n += 1;
    }
    if ((ts + HOUR_MS) % DAY_MS === 0 && this.n > 0) this.completeDay();
  }

  /** Forecast hourly variance for the current day, or null (not enough days, or a non-positive or non-finite forecast). */
  hourlyVariance(): number | null {
    // Every operation runs on every call (none behind a short circuit), so the optimising compiler
    // has seen them all before the first forecast exists, and does not recompile when it appears.
    const forecast = this.forecast;
    const positive = forecast > 0;
    const finite = Number.isFinite(forecast);
    const hourly = forecast / 24;
    return positive && finite ? hourly : null;
  }

  private regressors(end: number): [number, number, number, number] {
    const rv = this.rv;
    let w = 0;
    for (let k = end - 6; k <= end; k++) w += rv[k % RV_KEEP]!;
    let m = 0;
    for (let k = end - 29; k <= end; k++) m += rv[k % RV_KEEP]!;
    return [1, rv[end % RV_KEEP]!, w / 7, m / 30];
  }

  private completeDay(): void {
    this.rv[this.rvCount % RV_KEEP] = (24 * this.sumSq) / this.n;
    this.rvCount += 1;
    this.sumSq = 0;
    this.n = 0;
    const last = this.rvCount - 1;
    // The pair (regressors at last − 1, RV_last) becomes known now.
    if (last - 1 >= 29) {
      const x = this.regressors(last - 1);
      const y = this.rv[last % RV_KEEP]!;
      for (let i = 0; i < 4; i++) {
        this.xty[i]! += x[i]! * y;
        for (let k = 0; k < 4; k++) this.xtx[i]![k]! += x[i]! * x[k]!;
      }
      this.rows += 1;
    }
    this.forecast = Number.NaN;
    if (this.rvCount >= this.minDays && this.rows >= 4) {
      const beta = solveLinearSystem(this.xtx, this.xty);
      if (beta !== null) {
        const x = this.regressors(last);
        this.forecast = beta[0]! * x[0] + beta[1]! * x[1] + beta[2]! * x[2] + beta[3]! * x[3];
      }
    }
  }
}
