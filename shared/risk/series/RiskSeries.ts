import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { RiskInputError } from '../RiskInputError.js';
import type { VolatilityModel } from '../../config/assetsConfig.js';
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
}

/**
 * The candle history of one asset with every running estimator the engine needs, updated one
 * candle at a time. computeRiskRecord feeds a whole history through it once; the backtest feeds it
 * hour by hour and reads it after each candle. Both therefore compute the very same numbers
 * (the unit tests also check them against independent batch formulas).
 *
 * Per candle j it keeps: the hourly-equivalent log return r_j (gap-aware), the fast and slow EWMA
 * variances, the rolling stress-window volatility, and a sliding maximum of the latter over the
 * look-back (σ_stress). Window sums are recomputed directly (no running add/subtract), so the value
 * at j depends only on the candles in its window, not on where the history started.
 */
export class RiskSeries {
  readonly options: RiskSeriesOptions;
  readonly candles: Candle[] = [];
  readonly ts: number[] = [];
  readonly close: number[] = [];
  readonly ret: number[] = [];
  readonly varFast: number[] = [];
  readonly varSlow: number[] = [];
  /**
   * Variance of the volatility model after each candle (per hour): σ²_fast for `ewma`, the HAR-RV
   * forecast for `har`, the larger for `max`; σ²_fast where HAR has no forecast (flagged). FHS
   * standardises with this column, so the σ that scales the quantile also standardised the drops.
   */
  readonly varModel: number[] = [];
  /** True at j when the model asked for HAR-RV but it had no usable forecast (EWMA used). */
  readonly harFallback: boolean[] = [];
  /** HAR-RV hourly variance after each candle (NaN without a forecast); only with `har` or `max`. */
  readonly varHar: number[] = [];
  private readonly har: HarRv | null;
  /** Rolling stress-window volatility at j (NaN when the window holds fewer than half its hours). */
  readonly rollingVol: number[] = [];
  /** `ln(High/Low)²` per candle (NaN for a bar Parkinson skips: low ≤ 0 or high < low), summed by rangeVolatility. */
  private readonly rangeSq: number[] = [];
  private returnsSeen = 0;
  private seedSumSq = 0;
  private fast = Number.NaN;
  private slow = Number.NaN;
  private sumSqAll = 0;
  /** Indices of rollingVol in decreasing order, inside the look-back: front is σ_stress. */
  private readonly stressDeque: number[] = [];
  private stressHead = 0;
  private gaps = 0;
  private readonly fhs = new Map<number, FhsSample>();

  constructor(options: RiskSeriesOptions) {
    this.options = options;
    const model = options.volatilityModel ?? 'ewma';
    this.har = model === 'ewma' ? null : new HarRv(options.harMinDays ?? 120);
  }

  get length(): number {
    return this.ts.length;
  }

  /** Missing hours between the first and the last candle. */
  get gapHours(): number {
    return this.gaps;
  }

  push(candle: Candle): void {
    const [ts, open, high, low, close, volume] = candle;
    const j = this.ts.length;
    for (const [name, value] of [
      ['ts', ts],
      ['open', open],
      ['high', high],
      ['low', low],
      ['close', close],
      ['volume', volume],
    ] as const) {
      if (!Number.isFinite(value))
        throw new RiskInputError(
          `candles[${j}].${name} is ${value}; every candle field must be a finite number`,
        );
    }
    if (!(close > 0)) throw new RiskInputError(`candles[${j}].close is ${close}; prices must be > 0`);
    if (!(volume >= 0)) throw new RiskInputError(`candles[${j}].volume is ${volume}; volume must be >= 0`);
    if (ts % HOUR_MS !== 0)
      throw new RiskInputError(
        `candles[${j}].ts is ${ts}; hourly candles open on the hour (ms multiple of 3600000)`,
      );
    const prevTs = this.ts[j - 1];
    if (prevTs !== undefined && ts <= prevTs) {
      throw new RiskInputError(
        `candles[${j}].ts is ${ts}, not after candles[${j - 1}].ts ${prevTs}; candles must be strictly ascending without duplicates`,
      );
    }
    this.candles.push(candle);
    const x = low > 0 && high >= low ? Math.log(high / low) : Number.NaN;
    this.rangeSq.push(x * x);
    this.ts.push(ts);
    this.close.push(close);
    let r = Number.NaN;
    if (prevTs !== undefined) {
      this.gaps += (ts - prevTs) / HOUR_MS - 1;
      r = hourlyLogReturn({ prevTs, prevClose: this.close[j - 1]!, ts, close });
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
    this.ret.push(r);
    this.varFast.push(this.fast);
    if (this.har === null) this.varModel.push(this.fast);
    else {
      this.har.push(ts, r);
      const h = this.har.hourlyVariance();
      this.varHar.push(h ?? Number.NaN);
      this.harFallback.push(h === null);
      this.varModel.push(
        h === null ? this.fast : this.options.volatilityModel === 'har' ? h : Math.max(h, this.fast),
      );
    }
    this.varSlow.push(this.slow);
    this.rollingVol.push(this.windowVolatility(j));
    this.updateStress(j);
  }

  /** σ_fast at the last candle (per √hour), null before seeding. */
  sigmaFast(): number | null {
    return this.length === 0 || !(this.fast >= 0) ? null : Math.sqrt(this.fast);
  }

  /** σ of the volatility model at the last candle (per √hour), null before seeding. */
  sigmaModel(): number | null {
    const v = this.varModel[this.length - 1];
    return v === undefined || !(v >= 0) ? null : Math.sqrt(v);
  }

  /** HAR-RV σ at the last candle (per √hour); null without a forecast or when the model is `ewma`. */
  sigmaHar(): number | null {
    const v = this.varHar[this.length - 1];
    return v === undefined || !(v > 0) ? null : Math.sqrt(v);
  }

  /** The model asked for HAR-RV at the last candle and fell back to EWMA. */
  harFellBack(): boolean {
    return this.harFallback[this.length - 1] ?? false;
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
    if (this.stressHead >= this.stressDeque.length) return null;
    return this.rollingVol[this.stressDeque[this.stressHead]!]!;
  }

  /** Mean USD volume (volume × close) per candle present in `(ts_t − windowHours h, ts_t]`; null without candles. */
  hourlyVolumeUsd(windowHours: number): number | null {
    const t = this.length - 1;
    if (t < 0) return null;
    const from = this.ts[t]! - windowHours * HOUR_MS;
    let sum = 0;
    let n = 0;
    for (let j = t; j >= 0 && this.ts[j]! > from; j--) {
      const c = this.candles[j]!;
      sum += c[5] * c[4];
      n += 1;
    }
    return sum / n;
  }

  /**
   * Parkinson volatility of the last `bars` candles: the same sums, in the same order, as
   * `parkinsonVolatility` over those bars (so the same bits), from the per-candle `ln(H/L)²` kept at
   * push time: no copy and no logarithm per call.
   */
  rangeVolatility(bars: number): number | null {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, this.length - bars); j < this.length; j++) {
      const sq = this.rangeSq[j]!;
      if (Number.isNaN(sq)) continue;
      sum += sq;
      n += 1;
    }
    return n === 0 ? null : Math.sqrt(sum / (4 * Math.LN2 * n));
  }

  /** FHS quantile `k_α(H)` of the z known at the last candle, and the sample size. */
  fhsQuantile(horizonHours: number, alpha: number): { readonly k: number; readonly count: number } {
    let sample = this.fhs.get(horizonHours);
    if (sample === undefined) {
      sample = new FhsSample(horizonHours, this.options.fhsCutoffHours);
      this.fhs.set(horizonHours, sample);
    }
    if (this.length > 0) sample.catchUp(this, this.length - 1);
    return { k: sample.quantile(alpha), count: sample.count };
  }

  private windowVolatility(j: number): number {
    const windowHours = this.options.stressWindowHours;
    const from = this.ts[j]! - windowHours * HOUR_MS;
    let sum = 0;
    let n = 0;
    for (let i = j; i >= 1 && this.ts[i]! > from; i--) {
      const r = this.ret[i]!;
      sum += r * r;
      n += 1;
    }
    return n * 2 >= windowHours ? Math.sqrt(sum / n) : Number.NaN;
  }

  private updateStress(j: number): void {
    const v = this.rollingVol[j]!;
    const deque = this.stressDeque;
    if (!Number.isNaN(v)) {
      while (deque.length > this.stressHead && this.rollingVol[deque[deque.length - 1]!]! <= v) deque.pop();
      deque.push(j);
    }
    const from = this.ts[j]! - this.options.stressLookbackHours * HOUR_MS;
    while (this.stressHead < deque.length && this.ts[deque[this.stressHead]!]! <= from) this.stressHead += 1;
    // Compact the consumed head now and then so the array does not grow without bound.
    if (this.stressHead > 4096 && this.stressHead * 2 > deque.length) {
      deque.splice(0, this.stressHead);
      this.stressHead = 0;
    }
  }
}
