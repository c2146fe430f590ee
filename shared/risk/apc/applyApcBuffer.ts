/**
 * APC buffer (docs/methodology.md §3, EMIR RTS Art. 28(a)): `q_pub,t = clamp(q_pub,t−1, q_raw,t, (1 + b) q_raw,t)`.
 *
 * In calm markets the published quantile keeps up to a buffer `b` above the raw one and only decays
 * to `(1 + b) q_raw` from above; when risk rises the buffer is used up before q_pub has to move, and
 * it never falls below `q_raw`. Without a previous value the cycle starts with the full buffer,
 * `(1 + b) q_raw` (conservative). Units: fraction. Range: [q_raw, (1 + b) q_raw] (capped at 1).
 */
export function applyApcBuffer(previous: number | null, qRaw: number, buffer: number): number {
  const high = Math.min(1, (1 + buffer) * qRaw);
  if (previous === null) return high;
  return Math.min(high, Math.max(qRaw, previous));
}
