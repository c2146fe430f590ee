/**
 * Solves `A x = b` for a small dense system by Gaussian elimination with partial pivoting.
 * Returns null when `A` is singular or ill-conditioned (a pivot below `1e-12 ×` the largest |a_ij|).
 */
export function solveLinearSystem(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  // The augmented rows [a_i | b_i] as Float64Arrays (one element kind, no copy by spread), and
  // plain indexed loops: the same operations in the same order as ever, so the same bits.
  const m: Float64Array[] = [];
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const row = a[i]!;
    const augmented = new Float64Array(row.length + 1);
    for (let k = 0; k < row.length; k++) {
      const v = row[k]!;
      augmented[k] = v;
      scale = Math.max(scale, Math.abs(v));
    }
    augmented[row.length] = b[i]!;
    m.push(augmented);
  }
  if (!(scale > 0)) return null;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (!(Math.abs(m[p]![c]!) > 1e-12 * scale)) return null;
    const pivotRow = m[p]!;
    m[p] = m[c]!;
    m[c] = pivotRow;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x.every(Number.isFinite) ? x : null;
}
