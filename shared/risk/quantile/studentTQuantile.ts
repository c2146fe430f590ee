/** Memo of the (α, ν) pairs asked so far: the engine asks the same two every hour while it falls back. */
const memo = new Map<string, number>();

/**
 * α-quantile of a Student-t distribution with ν degrees of freedom, scaled to unit variance:
 * `k = t_ν⁻¹(α) · √((ν − 2) / ν)` (the FHS fallback of docs/methodology.md §4, ν = 4 by default).
 *
 * `t_ν⁻¹` inverts `F(t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½)` (t ≥ 0, I the regularised incomplete beta)
 * by bisection to machine precision: deterministic, no tables. Valid for α ∈ (0, 1), ν > 2.
 * Example: ν = 4, α = 0.99 → t = 3.7469, k = 2.6495.
 */
function computeStudentTQuantile(alpha: number, nu: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(nu > 2)) throw new RangeError(`nu must be > 2 for a finite variance, got ${nu}`);
  const scale = Math.sqrt((nu - 2) / nu);
  if (alpha === 0.5) return 0;
  const p = alpha > 0.5 ? alpha : 1 - alpha;
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, nu) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, nu) < p) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  return (alpha > 0.5 ? t : -t) * scale;
}

function studentTCdf(t: number, nu: number): number {
  const x = nu / (nu + t * t);
  const tail = 0.5 * regularisedIncompleteBeta(x, nu / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** I_x(a, b) by the continued fraction of Numerical Recipes (modified Lentz), with the symmetry switch. */
function regularisedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, n = 9), ~1e-15 relative. */
function logGamma(x: number): number {
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = coef[0]!;
  const t = xx + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coef[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Unit-variance Student-t(ν) quantile (see `computeStudentTQuantile` above for the method), memoised:
 * a pure function of (α, ν), so the cached value is bit-identical to a fresh computation.
 * @throws RangeError for α outside (0, 1) or ν ≤ 2.
 */
export function studentTQuantile(alpha: number, nu: number): number {
  const key = `${alpha}|${nu}`;
  let k = memo.get(key);
  if (k === undefined) {
    k = computeStudentTQuantile(alpha, nu);
    memo.set(key, k);
  }
  return k;
}
