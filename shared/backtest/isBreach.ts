/**
 * LT breach (docs/methodology.md §9): `(1 − δ_t(H)) · (1 − slip_t) < LT_t`, with LT and slip as published
 * (integer bp): a position at its trigger would leave bad debt if liquidated at the worst close
 * within H, after slippage.
 */
export function isBreach(worstDrop: number, slipBps: number, ltBps: number): boolean {
  return (1 - worstDrop) * (1 - slipBps / 10_000) < ltBps / 10_000;
}
