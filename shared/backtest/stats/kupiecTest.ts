import { binomialUpperTail } from './binomialUpperTail.js';
import { chiSquareSurvival } from './chiSquareSurvival.js';
import { xlogy } from './xlogy.js';

export interface KupiecTestResult {
  /** Breaches x and samples T. */
  readonly breaches: number;
  readonly samples: number;
  readonly rate: number;
  /** Expected breach probability p = 1 − α. */
  readonly expectedRate: number;
  /** `LR_pof = −2 ln[(1−p)^{T−x} p^x] + 2 ln[(1−x/T)^{T−x} (x/T)^x]`, χ²(1). */
  readonly lrPof: number;
  readonly pValue: number;
  /** Two-sided: rejected above 3.841 (too many *or* too few breaches). */
  readonly rejectTwoSided: boolean;
  /** One-sided safety test: `P(X ≥ x) < 5 %` under Binomial(T, p) (too many breaches only). */
  readonly binomialTailP: number;
  readonly rejectOneSided: boolean;
}

/** Chi-square(1) 95 % critical value. */
export const CHI2_1_95 = 3.841;

/**
 * Kupiec (1995) proportion-of-failures test (docs/methodology.md §9). `x` breaches in `T` samples against an
 * expected rate `p`. Two-sided LR test and the one-sided binomial tail used for published series.
 */
export function kupiecTest(breaches: number, samples: number, p: number): KupiecTestResult {
  const x = breaches;
  const T = samples;
  const rate = T === 0 ? 0 : x / T;
  const lrPof =
    T === 0
      ? 0
      : Math.max(0, -2 * (xlogy(T - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(T - x, 1 - rate) + xlogy(x, rate)));
  const binomialTailP = binomialUpperTail(x, T, p);
  return {
    breaches: x,
    samples: T,
    rate,
    expectedRate: p,
    lrPof,
    pValue: chiSquareSurvival(lrPof, 1),
    rejectTwoSided: lrPof > CHI2_1_95,
    binomialTailP,
    rejectOneSided: binomialTailP < 0.05,
  };
}
