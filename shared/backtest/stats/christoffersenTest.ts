import { chiSquareSurvival } from './chiSquareSurvival.js';
import { xlogy } from './xlogy.js';

export interface ChristoffersenTestResult {
  /** Transition counts of the breach indicator (from state i to state j). */
  readonly n00: number;
  readonly n01: number;
  readonly n10: number;
  readonly n11: number;
  readonly pi0: number;
  readonly pi1: number;
  readonly pi: number;
  /** Independence LR, χ²(1), reject above 3.841 (breaches cluster). */
  readonly lrInd: number;
  readonly pValueInd: number;
  readonly rejectInd: boolean;
  /** Conditional coverage `LR_cc = LR_pof + LR_ind`, χ²(2), reject above 5.991. */
  readonly lrCc: number;
  readonly pValueCc: number;
  readonly rejectCc: boolean;
}

/** Chi-square(2) 95 % critical value. */
export const CHI2_2_95 = 5.991;

/**
 * Christoffersen (1998) independence and conditional-coverage tests (docs/methodology.md §9):
 * `π₀ = n01/(n00+n01)`, `π₁ = n11/(n10+n11)`, `π = (n01+n11)/(n00+n01+n10+n11)`,
 * `LR_ind = −2 ln[(1−π)^{n00+n10} π^{n01+n11}] + 2 ln[(1−π₀)^{n00} π₀^{n01} (1−π₁)^{n10} π₁^{n11}]`.
 * `hits` is the breach indicator in time order; `lrPof` the Kupiec statistic of the same series.
 */
export function christoffersenTest(hits: readonly boolean[], lrPof: number): ChristoffersenTestResult {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let i = 1; i < hits.length; i++) {
    const from = hits[i - 1]!;
    const to = hits[i]!;
    if (!from && !to) n00 += 1;
    else if (!from && to) n01 += 1;
    else if (from && !to) n10 += 1;
    else n11 += 1;
  }
  const pi0 = n00 + n01 === 0 ? 0 : n01 / (n00 + n01);
  const pi1 = n10 + n11 === 0 ? 0 : n11 / (n10 + n11);
  const total = n00 + n01 + n10 + n11;
  const pi = total === 0 ? 0 : (n01 + n11) / total;
  const restricted = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const unrestricted = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const lrInd = Math.max(0, -2 * restricted + 2 * unrestricted);
  const lrCc = lrPof + lrInd;
  return {
    n00,
    n01,
    n10,
    n11,
    pi0,
    pi1,
    pi,
    lrInd,
    pValueInd: chiSquareSurvival(lrInd, 1),
    rejectInd: lrInd > 3.841,
    lrCc,
    pValueCc: chiSquareSurvival(lrCc, 2),
    rejectCc: lrCc > CHI2_2_95,
  };
}
