import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from '../../../../shared/backtest/stats/binomialUpperTail.js';
import { chiSquareSurvival } from '../../../../shared/backtest/stats/chiSquareSurvival.js';
import { christoffersenTest } from '../../../../shared/backtest/stats/christoffersenTest.js';
import { kupiecTest } from '../../../../shared/backtest/stats/kupiecTest.js';

// Reference values computed by hand from the formulas of docs/methodology.md §9 (and checked in Python):
// e.g. T = 1000, x = 20, p = 1 %: −2[980 ln .99 + 20 ln .01] + 2[980 ln .98 + 20 ln .02] = 7.8272.
describe('Kupiec proportion of failures', () => {
  it('matches hand-computed LR_pof for too many, too few and zero breaches', () => {
    const many = kupiecTest(20, 1000, 0.01);
    expect(many.lrPof).toBeCloseTo(7.827239152922488, 10);
    expect(many.rejectTwoSided).toBe(true);
    expect(many.pValue).toBeCloseTo(0.0051465, 5);
    expect(many.rejectOneSided).toBe(true);
    const few = kupiecTest(3, 1000, 0.01);
    expect(few.lrPof).toBeCloseTo(6.825541879450618, 10);
    expect(few.rejectTwoSided).toBe(true); // wasted collateral
    expect(few.rejectOneSided).toBe(false); // but safe
    expect(kupiecTest(0, 500, 0.01).lrPof).toBeCloseTo(10.050335853501451, 10);
    const exact = kupiecTest(10, 1000, 0.01);
    expect(exact.lrPof).toBeCloseTo(0, 12);
    expect(exact.rejectTwoSided).toBe(false);
  });

  it('binomial tail P(X ≥ 3 | n = 10, p = 0.1) = 1 − (0.9¹⁰ + 10·0.1·0.9⁹ + 45·0.01·0.9⁸)', () => {
    expect(binomialUpperTail(3, 10, 0.1)).toBeCloseTo(0.0701908264, 9);
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.1)).toBe(0);
  });

  it('χ² survival: 3.841 is the 5 % point of χ²(1), 5.991 of χ²(2)', () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(5.991, 2)).toBeCloseTo(0.05, 3);
  });
});

describe('Christoffersen independence', () => {
  it('counts transitions and matches the hand-computed LR_ind', () => {
    const hits = [0, 1, 1, 1, 0, 0, 0, 0, 0, 1].map(Boolean);
    const r = christoffersenTest(hits, 1.5);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([4, 2, 1, 2]);
    expect(r.pi0).toBeCloseTo(1 / 3, 15);
    expect(r.pi1).toBeCloseTo(2 / 3, 15);
    expect(r.lrInd).toBeCloseTo(0.9080533494451899, 10);
    expect(r.lrCc).toBeCloseTo(1.5 + 0.9080533494451899, 10);
  });
  it('is exactly 0 when π₀ = π₁ and handles no breaches at all', () => {
    expect(christoffersenTest([0, 0, 1, 1, 0, 0, 0, 1, 0, 0].map(Boolean), 0).lrInd).toBeCloseTo(0, 12);
    const none = christoffersenTest(new Array<boolean>(100).fill(false), 0);
    expect(none.lrInd).toBe(0);
    expect(none.rejectInd).toBe(false);
  });
  it('rejects clustered breaches', () => {
    const hits = Array.from({ length: 1000 }, (_, i) => i % 100 < 3);
    expect(christoffersenTest(hits, 0).rejectInd).toBe(true);
  });
});
