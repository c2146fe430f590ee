/**
 * One step of the exponentially weighted moving-average variance (RiskMetrics):
 * `σ²_t = λ σ²_{t−1} + (1 − λ) r²_t`.
 *
 * Units: `variance` and the result in (return units)², `r` a log return. Valid for λ ∈ (0, 1);
 * λ = 0.97 hourly has a half-life of ln 0.5 / ln 0.97 ≈ 22.8 h.
 */
export function ewmaStep(variance: number, r: number, lambda: number): number {
  return lambda * variance + (1 - lambda) * r * r;
}
