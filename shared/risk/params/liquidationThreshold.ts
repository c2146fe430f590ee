/**
 * Liquidation threshold (docs/methodology.md §6): `LT = (1 − q_H(α_LT)) · (1 − slip(Q)) − ε`.
 * A position at its trigger, sold over H hours at the α-worst drop and paying the slippage, still
 * covers its debt with margin ε. Units: fractions. Range: (−∞, 1); callers floor at 0.
 */
export function liquidationThreshold(q: number, slip: number, epsilon: number): number {
  return (1 - q) * (1 - slip) - epsilon;
}
