import { ewmaStep } from './ewmaStep.js';

export interface EwmaVarianceSeriesParams {
  readonly returns: readonly number[];
  readonly lambda: number;
  /** The first `seedCount` returns seed the recursion with their mean square. */
  readonly seedCount: number;
}

/**
 * EWMA variance after each return: NaN for the first `seedCount − 1` returns, then the mean of the
 * first `seedCount` squared returns, then `σ²_t = λ σ²_{t−1} + (1 − λ) r²_t` (see ewmaStep).
 * The incremental RiskSeries uses the same rule; this batch form serves tests and one-off use.
 */
export function ewmaVarianceSeries({ returns, lambda, seedCount }: EwmaVarianceSeriesParams): number[] {
  const out: number[] = [];
  let sumSq = 0;
  let variance = Number.NaN;
  returns.forEach((r, i) => {
    if (i < seedCount) {
      sumSq += r * r;
      if (i === seedCount - 1) variance = sumSq / seedCount;
      out.push(variance);
      return;
    }
    variance = ewmaStep(variance, r, lambda);
    out.push(variance);
  });
  return out;
}
