/** `x · ln(y)` with the convention `0 · ln 0 = 0` used by likelihood ratios with empty cells. */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
