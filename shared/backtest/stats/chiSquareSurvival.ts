/**
 * Upper tail `P(X > x)` of a χ² distribution with 1 or 2 degrees of freedom (the only ones the
 * coverage tests need): df 1 → `erfc(√(x/2))`, df 2 → `exp(−x/2)`. Range: [0, 1].
 */
export function chiSquareSurvival(x: number, df: 1 | 2): number {
  if (!(x > 0)) return 1;
  return df === 2 ? Math.exp(-x / 2) : erfc(Math.sqrt(x / 2));
}

/** Complementary error function, Numerical Recipes `erfcc` (Chebyshev, |relative error| < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
