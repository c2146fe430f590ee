import { objectArray } from '../core/objectArray.js';
import { DAY_MS, HOUR_MS } from '../core/time.js';
import type { Candle } from '../core/types.js';
import { isBreach } from './isBreach.js';
import { christoffersenTest, type ChristoffersenTestResult } from './stats/christoffersenTest.js';
import { kupiecTest, type KupiecTestResult } from './stats/kupiecTest.js';
import type { SeriesColumns } from './types.js';
import { worstDropAhead } from './worstDropAhead.js';

export interface BreachSample {
  readonly ts: number;
  /** `(1 − δ_t(H)) · (1 − slip_t)`: the fraction of value a liquidation at the worst close recovers. */
  readonly recovery: number;
  readonly ltBps: number;
  readonly breach: boolean;
}

/** LTV breach sample (docs/methodology.md §9.2): a position opened at max LTV reaching LT within `H_react`. */
export interface LtvBreachSample {
  readonly ts: number;
  /** `1 − δ_t(H_react)`: the fraction of value left at the worst close within the reaction time. */
  readonly remaining: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly breach: boolean;
}

export interface MeanParams {
  readonly hours: number;
  readonly ltvBps: number;
  readonly ltBps: number;
}

export interface SeriesEvaluation {
  readonly samples: BreachSample[];
  readonly kupiec: KupiecTestResult;
  readonly christoffersen: ChristoffersenTestResult;
  /** The LTV promise: breach samples, Kupiec against `1 − α_LTV`, Christoffersen. */
  readonly ltv: {
    readonly samples: LtvBreachSample[];
    readonly kupiec: KupiecTestResult;
    readonly christoffersen: ChristoffersenTestResult;
  };
  readonly mean: { readonly overall: MeanParams; readonly calm: MeanParams; readonly stressed: MeanParams };
  /** Hours in which any of LTV/LT/LB changed. */
  readonly changes: number;
}

export interface EvaluateSeriesParams {
  readonly rows: SeriesColumns;
  /** Candles the rows were computed from; row k belongs to candle `firstRowIndex + k`. */
  readonly candles: readonly Candle[];
  readonly firstRowIndex: number;
  /** Trailing 30-day realised volatility per row. */
  readonly realisedVol30d: Float64Array;
  readonly horizonHours: number;
  readonly alphaLt: number;
  /** Reaction time `H_react` of the LTV promise, hours, and its confidence α_LTV. */
  readonly reactionHours: number;
  readonly alphaLtv: number;
}

/**
 * Evaluates one series (docs/methodology.md §9): non-overlapping daily samples at 00:00 UTC, LT breach if
 * `(1 − δ_t(H))(1 − slip_t) < LT_t`, LTV breach if `1 − δ_t(H_react) < LTV_t / LT_t` (evaluated as
 * `(1 − δ) · LT < LTV` in bp, on samples with LTV > 0), Kupiec and Christoffersen tests of each, and time-weighted (hourly)
 * mean LTV/LT overall, in calm hours (30-day realised volatility below its median) and stressed
 * hours (top decile).
 */
export function evaluateSeries({
  rows,
  candles,
  firstRowIndex,
  realisedVol30d,
  horizonHours,
  alphaLt,
  reactionHours,
  alphaLtv,
}: EvaluateSeriesParams): SeriesEvaluation {
  // Arrays of the object element kind from the start (the second series then reuses the scan's code).
  const samples = objectArray<BreachSample>();
  const ltvSamples = objectArray<LtvBreachSample>();
  // Each loop over the rows is a function of its own: the optimising compiler then compiles the
  // loop alone, not the code after it (which would otherwise be thrown away and compiled again).
  const changes = scanRows(rows, candles, firstRowIndex, horizonHours, reactionHours, samples, ltvSamples);
  const breaches = samples.filter((s) => s.breach).length;
  const kupiec = kupiecTest(breaches, samples.length, 1 - alphaLt);
  const christoffersen = christoffersenTest(
    samples.map((s) => s.breach),
    kupiec.lrPof,
  );
  const ltvBreaches = ltvSamples.filter((s) => s.breach).length;
  const ltvKupiec = kupiecTest(ltvBreaches, ltvSamples.length, 1 - alphaLtv);
  const ltv = {
    samples: ltvSamples,
    kupiec: ltvKupiec,
    christoffersen: christoffersenTest(
      ltvSamples.map((s) => s.breach),
      ltvKupiec.lrPof,
    ),
  };
  const sortedVols = finiteAscending(realisedVol30d);
  const median = sortedVols[Math.floor((sortedVols.length - 1) / 2)] ?? Number.NaN;
  const p90 = sortedVols[Math.floor(0.9 * (sortedVols.length - 1))] ?? Number.NaN;
  // Hours, Σ LTV and Σ LT overall, in calm and in stressed hours.
  const acc = { overall: [0, 0, 0], calm: [0, 0, 0], stressed: [0, 0, 0] };
  accumulate(rows, realisedVol30d, median, p90, acc);
  const mean = (a: number[]): MeanParams => ({
    hours: a[0]!,
    ltvBps: a[0] === 0 ? 0 : a[1]! / a[0]!,
    ltBps: a[0] === 0 ? 0 : a[2]! / a[0]!,
  });
  return {
    samples,
    kupiec,
    christoffersen,
    ltv,
    mean: { overall: mean(acc.overall), calm: mean(acc.calm), stressed: mean(acc.stressed) },
    changes,
  };
}

/** The LT and LTV breach samples of the rows (pushed onto the two arrays); returns the hours in which LTV, LT or LB changed. */
function scanRows(
  rows: SeriesColumns,
  candles: readonly Candle[],
  firstRowIndex: number,
  horizonHours: number,
  reactionHours: number,
  samples: BreachSample[],
  ltvSamples: LtvBreachSample[],
): number {
  const ltvStepMs = 24 % reactionHours === 0 ? reactionHours * HOUR_MS : DAY_MS;
  let changes = 0;
  const { ts, ltvBps, ltBps, lbBps, slipBps } = rows;
  for (let k = 0; k < rows.length; k++) {
    const rowTs = ts[k]!;
    const rowLtv = ltvBps[k]!;
    const rowLt = ltBps[k]!;
    if (k > 0 && (ltvBps[k - 1] !== rowLtv || ltBps[k - 1] !== rowLt || lbBps[k - 1] !== lbBps[k]))
      changes += 1;
    // LTV promise, on non-overlapping windows of H_react from 00:00 UTC (every H_react hours when it
    // divides a day, so every hour of the day is covered equally; else daily), where borrowing is open.
    const reactDrop =
      rowTs % ltvStepMs === 0 && rowLtv > 0 && rowLt > 0
        ? worstDropAhead(candles, firstRowIndex + k, reactionHours)
        : null;
    if (reactDrop !== null) {
      const remaining = 1 - reactDrop;
      ltvSamples.push({
        ts: rowTs,
        remaining,
        ltvBps: rowLtv,
        ltBps: rowLt,
        breach: remaining * rowLt < rowLtv,
      });
    }
    if (rowTs % DAY_MS !== 0) continue;
    const drop = worstDropAhead(candles, firstRowIndex + k, horizonHours);
    if (drop === null) continue;
    const slip = slipBps[k]!;
    const recovery = (1 - drop) * (1 - slip / 10_000);
    samples.push({ ts: rowTs, recovery, ltBps: rowLt, breach: isBreach(drop, slip, rowLt) });
  }
  return changes;
}

/**
 * The finite values, ascending. Without a comparator: they are finite and ≥ +0 (square roots), so
 * the order of TypedArray sort is the numeric one.
 */
function finiteAscending(values: Float64Array): Float64Array {
  const finite = new Float64Array(values.length);
  return finite.subarray(0, copyFinite(values, finite)).sort();
}

/** Copies the finite values to the front of `into`; returns how many (a loop alone, see scanRows). */
function copyFinite(values: Float64Array, into: Float64Array): number {
  let count = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v)) into[count++] = v;
  }
  return count;
}

/** Hours, Σ LTV and Σ LT of every row, of the calm rows (volatility below the median) and of the stressed ones (at or above p90). */
function accumulate(
  rows: SeriesColumns,
  realisedVol30d: Float64Array,
  median: number,
  p90: number,
  acc: { overall: number[]; calm: number[]; stressed: number[] },
): void {
  const { ltvBps, ltBps } = rows;
  for (let k = 0; k < rows.length; k++) {
    const v = realisedVol30d[k]!;
    const ltv = ltvBps[k]!;
    const lt = ltBps[k]!;
    add(acc.overall, ltv, lt);
    if (v < median) add(acc.calm, ltv, lt);
    if (v >= p90) add(acc.stressed, ltv, lt);
  }
}

function add(a: number[], ltvBps: number, ltBps: number): void {
  a[0]! += 1;
  a[1]! += ltvBps;
  a[2]! += ltBps;
}
