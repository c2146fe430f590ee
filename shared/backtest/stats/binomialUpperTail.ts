/**
 * `P(X ≥ x)` for `X ~ Binomial(n, p)`, summed in log space term by term (exact up to rounding;
 * n up to millions). Range: [0, 1]; 1 for x ≤ 0.
 */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // log P(X = k) by the recurrence P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p), started at k = x.
  let logTerm = logChoose(n, x) + x * Math.log(p) + (n - x) * Math.log1p(-p);
  let sum = 0;
  const ratio = Math.log(p) - Math.log1p(-p);
  for (let k = x; k <= n; k++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (k > n * p && term < sum * 1e-17) break;
    logTerm += Math.log(n - k) - Math.log(k + 1) + ratio;
  }
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  let s = 0;
  const kk = Math.min(k, n - k);
  for (let i = 1; i <= kk; i++) s += Math.log(n - kk + i) - Math.log(i);
  return s;
}
