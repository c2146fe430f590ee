import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { RiskInputError } from '../errors.js';
import type { VolatilityModel } from '../../config/assetsConfig.js';
import { decodeF64 } from '../engine/decodeF64.js';
import { encodeF64 } from '../engine/encodeF64.js';
import { ENGINE_STATE_VERSION, type EngineState } from '../engine/EngineState.js';
import { F64Column } from '../engine/F64Column.js';
import { ewmaStep } from '../volatility/ewmaStep.js';
import { HarRv } from '../volatility/HarRv.js';
import { hourlyLogReturn } from '../volatility/hourlyLogReturn.js';
import { FhsSample } from './FhsSample.js';

export interface RiskSeriesOptions {
  readonly lambdaFast: number;
  readonly lambdaSlow: number;
  /** Returns whose mean square seeds both EWMAs. */
  readonly ewmaSeedReturns: number;
  /** Window of the rolling volatility behind σ_stress, hours. */
  readonly stressWindowHours: number;
  /** Look-back of the σ_stress maximum, hours. */
  readonly stressLookbackHours: number;
  /** FHS start hours enter every horizon's sample once this many hours have closed after them (the longest horizon used). */
  readonly fhsCutoffHours: number;
  /** σ that scales and standardises the drop quantile (docs/methodology.md §3.6). @default 'ewma' */
  readonly volatilityModel?: VolatilityModel;
  /** Days of realised variance before HAR-RV forecasts. @default 120 */
  readonly harMinDays?: number;
  /** Longest window `hourlyVolumeUsd` is asked for, hours (the state keeps that many USD volumes). @default 720 */
  readonly volumeWindowHours?: number;
  /** Most bars `rangeVolatility` is asked for (the state keeps that many ln(H/L)²). @default 168 */
  readonly rangeBars?: number;
}

/**
 * The candle history of one asset with every running estimator the engine needs, updated one
 * candle at a time. computeRiskRecord feeds a whole history through it once; the backtest feeds it
 * hour by hour and reads it after each candle; a cycle from a checkpoint restores it with
 * `fromState` and pushes the new candles only. All three compute the very same numbers (the unit
 * tests check them against independent batch formulas, and from any checkpoint against a
 * recomputation from the first candle, bit for bit).
 *
 * Per candle j it keeps: the hourly-equivalent log return r_j (gap-aware), the fast and slow EWMA
 * variances, the rolling stress-window volatility, and a sliding maximum of the latter over the
 * look-back (σ_stress). Window sums are recomputed directly (no running add/subtract), so the value
 * at j depends only on the candles in its window, not on where the history started. Windows live
 * in fixed rings and columns in growable Float64Arrays: a push allocates nothing (but when a column
 * doubles its capacity).
 */
export class RiskSeries {
  readonly options: Required<RiskSeriesOptions>;
  private readonly tsCol = new F64Column();
  private readonly closeCol = new F64Column();
  /**
   * Variance of the volatility model after each candle (per hour): σ²_fast for `ewma`, the HAR-RV
   * forecast for `har`, the larger for `max`; σ²_fast where HAR has no forecast (flagged). FHS
   * standardises with this column, so the σ that scales the quantile also standardised the drops.
   */
  private readonly varModelCol = new F64Column();
  /** Rings (index j at j % capacity): returns over the stress window, USD volume, ln(H/L)² (NaN: Parkinson skips the bar). */
  private readonly retRing: Float64Array;
  private readonly volumeRing: Float64Array;
  private readonly rangeRing: Float64Array;
  private har: HarRv | null;
  private lastVarHar = Number.NaN;
  private lastHarFallback = false;
  private returnsSeen = 0;
  private seedSumSq = 0;
  private fast = Number.NaN;
  private slow = Number.NaN;
  private sumSqAll = 0;
  /** σ_stress deque from `stressHead`: open times and rolling volatilities, decreasing: front is σ_stress. */
  private readonly stressTs = new F64Column(64);
  private readonly stressVol = new F64Column(64);
  private stressHead = 0;
  private gaps = 0;
  private readonly fhs = new Map<number, FhsSample>();

  constructor(options: RiskSeriesOptions) {
    this.options = {
      volatilityModel: 'ewma',
      harMinDays: 120,
      volumeWindowHours: 720,
      rangeBars: 168,
      ...options,
    };
    const model = this.options.volatilityModel;
    this.har = model === 'ewma' ? null : new HarRv(this.options.harMinDays);
    this.retRing = new Float64Array(Math.max(1, this.options.stressWindowHours));
    this.volumeRing = new Float64Array(Math.max(1, this.options.volumeWindowHours));
    this.rangeRing = new Float64Array(Math.max(1, this.options.rangeBars));
  }

  get length(): number {
    return this.tsCol.length;
  }

  /** Missing hours between the first and the last candle. */
  get gapHours(): number {
    return this.gaps;
  }

  /** Open time of the first candle (NaN without candles). */
  get firstTs(): number {
    return this.length === 0 ? Number.NaN : this.tsCol.at(0);
  }

  /** Open time of the last candle (NaN without candles). */
  get lastTs(): number {
    return this.length === 0 ? Number.NaN : this.tsCol.at(this.length - 1);
  }

  /** Return r_j of candle j, which must be within the last `stressWindowHours` candles (NaN for the first candle). */
  returnAt(j: number): number {
    if (j < this.length - this.retRing.length || j >= this.length)
      throw new RangeError(`returnAt(${j}): only the last ${this.retRing.length} returns are kept`);
    return j === 0 ? Number.NaN : this.retRing[j % this.retRing.length]!;
  }

  /** Open time of candle j. */
  tsAt(j: number): number {
    return this.tsCol.at(j);
  }

  /** The model variance column (a view, valid until the next push). */
  varModelColumn(): Float64Array {
    return this.varModelCol.view();
  }

  push(candle: Candle): void {
    const ts = candle[0];
    const high = candle[2];
    const low = candle[3];
    const close = candle[4];
    const volume = candle[5];
    const j = this.length;
    if (
      !Number.isFinite(ts) ||
      !Number.isFinite(candle[1]) ||
      !Number.isFinite(high) ||
      !Number.isFinite(low) ||
      !Number.isFinite(close) ||
      !Number.isFinite(volume)
    )
      invalidField(candle, j);
    if (!(close > 0)) throw new RiskInputError(`candles[${j}].close is ${close}; prices must be > 0`);
    if (!(volume >= 0)) throw new RiskInputError(`candles[${j}].volume is ${volume}; volume must be >= 0`);
    if (ts % HOUR_MS !== 0)
      throw new RiskInputError(
        `candles[${j}].ts is ${ts}; hourly candles open on the hour (ms multiple of 3600000)`,
      );
    const prevTs = j === 0 ? undefined : this.tsCol.at(j - 1);
    if (prevTs !== undefined && ts <= prevTs) {
      throw new RiskInputError(
        `candles[${j}].ts is ${ts}, not after candles[${j - 1}].ts ${prevTs}; candles must be strictly ascending without duplicates`,
      );
    }
    const x = low > 0 && high >= low ? Math.log(high / low) : Number.NaN;
    this.rangeRing[j % this.rangeRing.length] = x * x;
    this.volumeRing[j % this.volumeRing.length] = volume * close;
    this.tsCol.push(ts);
    this.closeCol.push(close);
    let r = Number.NaN;
    if (prevTs !== undefined) {
      this.gaps += (ts - prevTs) / HOUR_MS - 1;
      r = hourlyLogReturn({ prevTs, prevClose: this.closeCol.at(j - 1), ts, close });
      this.returnsSeen += 1;
      this.sumSqAll += r * r;
      const seed = this.options.ewmaSeedReturns;
      if (this.returnsSeen < seed) {
        this.seedSumSq += r * r;
      } else if (this.returnsSeen === seed) {
        this.seedSumSq += r * r;
        this.fast = this.seedSumSq / seed;
        this.slow = this.fast;
      } else {
        this.fast = ewmaStep(this.fast, r, this.options.lambdaFast);
        this.slow = ewmaStep(this.slow, r, this.options.lambdaSlow);
      }
    }
    this.retRing[j % this.retRing.length] = r;
    if (this.har === null) this.varModelCol.push(this.fast);
    else {
      this.har.push(ts, r);
      const h = this.har.hourlyVariance();
      const hv = h ?? Number.NaN;
      this.lastVarHar = hv;
      this.lastHarFallback = h === null;
      // The model's pick is computed every hour, also before HAR has a forecast (then unused): the
      // optimising compiler sees it from the start instead of recompiling push when HAR starts.
      const pick = this.options.volatilityModel === 'har' ? hv : Math.max(hv, this.fast);
      this.varModelCol.push(h === null ? this.fast : pick);
    }
    this.updateStress(ts, this.windowVolatility(j, ts));
  }

  /** σ_fast at the last candle (per √hour), null before seeding. */
  sigmaFast(): number | null {
    return this.length === 0 || !(this.fast >= 0) ? null : Math.sqrt(this.fast);
  }

  /** σ of the volatility model at the last candle (per √hour), null before seeding. */
  sigmaModel(): number | null {
    if (this.length === 0) return null;
    const v = this.varModelCol.at(this.length - 1);
    return !(v >= 0) ? null : Math.sqrt(v);
  }

  /** HAR-RV σ at the last candle (per √hour); null without a forecast or when the model is `ewma`. */
  sigmaHar(): number | null {
    const v = this.lastVarHar;
    return this.length === 0 || !(v > 0) ? null : Math.sqrt(v);
  }

  /** The model asked for HAR-RV at the last candle and fell back to EWMA. */
  harFellBack(): boolean {
    return this.length > 0 && this.lastHarFallback;
  }

  sigmaSlow(): number | null {
    return this.length === 0 || !(this.slow >= 0) ? null : Math.sqrt(this.slow);
  }

  /** √(mean r²) over all returns so far. */
  sigmaLongRun(): number | null {
    return this.returnsSeen === 0 ? null : Math.sqrt(this.sumSqAll / this.returnsSeen);
  }

  /** Highest rolling stress-window volatility inside the look-back ending at the last candle. */
  sigmaStress(): number | null {
    if (this.stressHead >= this.stressVol.length) return null;
    return this.stressVol.at(this.stressHead);
  }

  /** Mean USD volume (volume × close) per candle present in `(ts_t − windowHours h, ts_t]`; null without candles. */
  hourlyVolumeUsd(windowHours: number): number | null {
    const t = this.length - 1;
    if (t < 0) return null;
    const ring = this.volumeRing;
    if (windowHours > ring.length)
      throw new RangeError(
        `hourlyVolumeUsd(${windowHours}): the series keeps ${ring.length} hours (volumeWindowHours)`,
      );
    const ts = this.tsCol.raw();
    const from = ts[t]! - windowHours * HOUR_MS;
    const cap = ring.length;
    // Candles in the window: all `windowHours` when none is missing (the usual case), else counted.
    let n: number;
    const full = t - windowHours + 1;
    if (full >= 0 && ts[full]! > from) n = windowHours;
    else {
      n = 0;
      for (let j = t; j >= 0 && ts[j]! > from; j--) n += 1;
    }
    // Newest first, as always (so the same bits): ring positions t % cap down to 0, then from cap − 1.
    let sum = 0;
    let k = t % cap;
    let left = n;
    while (left > 0) {
      const stop = Math.max(-1, k - left);
      for (let i = k; i > stop; i--) sum += ring[i]!;
      left -= k - stop;
      k = cap - 1;
    }
    return sum / n;
  }

  /**
   * Parkinson volatility of the last `bars` candles: the same sums, in the same order, as
   * `parkinsonVolatility` over those bars (so the same bits), from the per-candle `ln(H/L)²` kept at
   * push time: no copy and no logarithm per call.
   */
  rangeVolatility(bars: number): number | null {
    const ring = this.rangeRing;
    if (bars > ring.length)
      throw new RangeError(`rangeVolatility(${bars}): the series keeps ${ring.length} bars (rangeBars)`);
    let sum = 0;
    let n = 0;
    const cap = ring.length;
    const first = Math.max(0, this.length - bars);
    // Oldest first, as always (so the same bits), over at most two contiguous stretches of the ring.
    let k = first % cap;
    let left = this.length - first;
    while (left > 0) {
      const end = Math.min(cap, k + left);
      for (let i = k; i < end; i++) {
        const sq = ring[i]!;
        if (sq !== sq) continue; // NaN: a bar Parkinson skips
        sum += sq;
        n += 1;
      }
      left -= end - k;
      k = 0;
    }
    return n === 0 ? null : Math.sqrt(sum / (4 * Math.LN2 * n));
  }

  /** FHS quantile `k_α(H)` of the z known at the last candle, and the sample size. */
  fhsQuantile(horizonHours: number, alpha: number): { readonly k: number; readonly count: number } {
    const k = this.fhsQuantileValue(horizonHours, alpha);
    return { k, count: this.fhsCount(horizonHours) };
  }

  /** `fhsQuantile(…).k` without the object (the engine reads it every hour). */
  fhsQuantileValue(horizonHours: number, alpha: number): number {
    let sample = this.fhs.get(horizonHours);
    if (sample === undefined) {
      sample = new FhsSample(horizonHours, this.options.fhsCutoffHours);
      this.fhs.set(horizonHours, sample);
    }
    if (this.length > 0)
      sample.catchUp(this.tsCol.raw(), this.closeCol.raw(), this.varModelCol.raw(), this.length - 1);
    return sample.quantile(alpha);
  }

  /** Size of the FHS sample of horizon H as of its last `fhsQuantileValue` (0 before the first). */
  fhsCount(horizonHours: number): number {
    return this.fhs.get(horizonHours)?.count ?? 0;
  }

  /** Everything the next push needs, as a plain JSON value (docs/methodology.md §8.4). */
  toState(): EngineState {
    const n = this.length;
    // Every FHS sample caught up to the last candle, so the state does not depend on when it was last read.
    if (n > 0)
      for (const sample of this.fhs.values())
        sample.catchUp(this.tsCol.raw(), this.closeCol.raw(), this.varModelCol.raw(), n - 1);
    return {
      version: ENGINE_STATE_VERSION,
      options: this.options,
      count: n,
      gapHours: this.gaps,
      returnsSeen: this.returnsSeen,
      seedSumSq: this.seedSumSq,
      fast: nullIfNaN(this.fast),
      slow: nullIfNaN(this.slow),
      sumSqAll: this.sumSqAll,
      lastVarHar: nullIfNaN(this.lastVarHar),
      lastHarFallback: this.lastHarFallback,
      ts: encodeF64(this.tsCol.view()),
      close: encodeF64(this.closeCol.view()),
      varModel: encodeF64(this.varModelCol.view()),
      ret: encodeF64(tail(this.retRing, n)),
      volumeUsd: encodeF64(tail(this.volumeRing, n)),
      rangeSq: encodeF64(tail(this.rangeRing, n)),
      stressTs: encodeF64(this.stressTs.view().subarray(this.stressHead)),
      stressVol: encodeF64(this.stressVol.view().subarray(this.stressHead)),
      har: this.har === null ? null : this.har.toState(),
      // Horizons ascending, so a state does not depend on the order the horizons were first asked for.
      fhs: [...this.fhs.values()]
        .sort((a, b) => a.horizonHours - b.horizonHours)
        .map((sample) => ({ ...sample.toState(), z: encodeF64(sample.sortedValues()) })),
    };
  }

  /**
   * The series `toState` saw. `options` are the settings the caller expects (from the asset's
   * configuration); a state built with other settings is refused, naming the first that differs.
   * @throws RiskInputError for a state of another version or settings, or a malformed column.
   */
  static fromState(state: EngineState, options: RiskSeriesOptions): RiskSeries {
    const series = new RiskSeries(options);
    if (state.version !== ENGINE_STATE_VERSION)
      throw new RiskInputError(
        `state.version is "${String(state.version)}"; this engine reads "${ENGINE_STATE_VERSION}"`,
        {
          fix: 'recompute the state from the first candle (ballast verify --deep), or run the engine version that wrote it',
        },
      );
    for (const key of Object.keys(series.options) as (keyof RiskSeriesOptions)[]) {
      if (state.options[key] !== series.options[key])
        throw new RiskInputError(
          `state.options.${key} is ${String(state.options[key])} but the configuration gives ${String(series.options[key])}; a checkpoint only continues under the settings it was built with`,
          { fix: 'recompute the state from the first candle under the new configuration' },
        );
    }
    const n = state.count;
    const ts = decodeF64(state.ts, 'state.ts');
    const close = decodeF64(state.close, 'state.close');
    const varModel = decodeF64(state.varModel, 'state.varModel');
    if (!Number.isSafeInteger(n) || n < 0 || ts.length !== n || close.length !== n || varModel.length !== n)
      throw new RiskInputError(
        `state.count is ${n} but the columns hold ${ts.length}/${close.length}/${varModel.length} values; expected equal counts`,
      );
    series.tsCol.assign(ts);
    series.closeCol.assign(close);
    series.varModelCol.assign(varModel);
    restoreTail(series.retRing, decodeF64(state.ret, 'state.ret'), n, 'state.ret');
    restoreTail(series.volumeRing, decodeF64(state.volumeUsd, 'state.volumeUsd'), n, 'state.volumeUsd');
    restoreTail(series.rangeRing, decodeF64(state.rangeSq, 'state.rangeSq'), n, 'state.rangeSq');
    series.stressTs.assign(decodeF64(state.stressTs, 'state.stressTs'));
    series.stressVol.assign(decodeF64(state.stressVol, 'state.stressVol'));
    series.gaps = state.gapHours;
    series.returnsSeen = state.returnsSeen;
    series.seedSumSq = state.seedSumSq;
    series.fast = state.fast ?? Number.NaN;
    series.slow = state.slow ?? Number.NaN;
    series.sumSqAll = state.sumSqAll;
    series.lastVarHar = state.lastVarHar ?? Number.NaN;
    series.lastHarFallback = state.lastHarFallback;
    if ((state.har === null) !== (series.har === null))
      throw new RiskInputError(
        `state.har is ${state.har === null ? 'absent' : 'present'}; the volatility model says otherwise`,
      );
    if (state.har !== null) series.har = HarRv.fromState(state.har);
    for (const sample of state.fhs)
      series.fhs.set(sample.horizonHours, FhsSample.fromState(sample, decodeF64(sample.z, 'state.fhs[].z')));
    return series;
  }

  private windowVolatility(j: number, tsJ: number): number {
    const windowHours = this.options.stressWindowHours;
    const from = tsJ - windowHours * HOUR_MS;
    const ts = this.tsCol.raw();
    const ring = this.retRing;
    const cap = ring.length;
    // Returns in the window: candles i ≥ 1 within the ring (i > j − cap: the ring holds the last
    // `windowHours`, an older candle is at least that many hours back) opening after `from`. Opens
    // ascend, so that is a suffix [first, j]: all of it when none is missing (the usual case), else
    // found by stepping back from j + 1. The step's test runs every hour (not only after a gap), so
    // the optimising compiler has seen it before the first gap and does not recompile push there.
    const lowest = Math.max(1, j - cap + 1);
    const afterJ = j + 1;
    let first = ts[lowest]! > from ? lowest : afterJ;
    for (;;) {
      const before = first - 1;
      const inside = ts[before]! > from;
      if (!(first > lowest) || !inside) break;
      first = before;
    }
    // Newest first, as always (so the same bits): ring positions j % cap down to 0, then from cap − 1.
    let sum = 0;
    let k = j % cap;
    let left = j - first + 1;
    const n = Math.max(0, left);
    while (left > 0) {
      const stop = Math.max(-1, k - left);
      for (let i = k; i > stop; i--) {
        const r = ring[i]!;
        sum += r * r;
      }
      left -= k - stop;
      k = cap - 1;
    }
    return n * 2 >= windowHours ? Math.sqrt(sum / n) : Number.NaN;
  }

  private updateStress(tsJ: number, v: number): void {
    const ts = this.stressTs;
    const vol = this.stressVol;
    if (!Number.isNaN(v)) {
      let end = vol.length;
      while (end > this.stressHead && vol.at(end - 1) <= v) end -= 1;
      ts.truncate(end);
      vol.truncate(end);
      ts.push(tsJ);
      vol.push(v);
    }
    const from = tsJ - this.options.stressLookbackHours * HOUR_MS;
    // As `while (head < length && ts[head] <= from) head++`, written so that the increment runs on
    // every push (the optimising compiler meets it in the first hours, not at the first expiry).
    let head = this.stressHead - 1;
    do head += 1;
    while (head < ts.length && ts.at(head) <= from);
    this.stressHead = head;
    // Drop the consumed head now and then so the columns do not grow without bound.
    if (this.stressHead > 4096 && this.stressHead * 2 > ts.length) {
      ts.dropFront(this.stressHead);
      vol.dropFront(this.stressHead);
      this.stressHead = 0;
    }
  }
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** The last min(n, capacity) values of a ring written at j % capacity, oldest first. */
function tail(ring: Float64Array, n: number): Float64Array {
  const keep = Math.min(n, ring.length);
  const out = new Float64Array(keep);
  for (let k = 0; k < keep; k++) out[k] = ring[(n - keep + k) % ring.length]!;
  return out;
}

function restoreTail(ring: Float64Array, values: Float64Array, n: number, field: string): void {
  if (values.length !== Math.min(n, ring.length))
    throw new RiskInputError(
      `${field} holds ${values.length} values; expected ${Math.min(n, ring.length)} (the last of ${n} candles, window ${ring.length})`,
    );
  for (let k = 0; k < values.length; k++) ring[(n - values.length + k) % ring.length] = values[k]!;
}

function invalidField(candle: Candle, j: number): never {
  const names = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
  const i = names.findIndex((_, k) => !Number.isFinite(candle[k]));
  throw new RiskInputError(
    `candles[${j}].${names[i]!} is ${candle[i]}; every candle field must be a finite number`,
  );
}
