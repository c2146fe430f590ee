/**
 * Loan-to-value (docs/methodology.md §6): `LTV = LT · (1 − q_{H_react}(α_LTV))`: a new loan at the LTV limit
 * survives the α_LTV-worst drop over the borrower's reaction time before reaching LT.
 * Units: fractions. Range: [0, LT] for q ∈ [0, 1].
 */
export function loanToValue(lt: number, qReact: number): number {
  return lt * (1 - qReact);
}
