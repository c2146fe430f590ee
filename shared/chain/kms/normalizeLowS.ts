/** Order n of the secp256k1 group (the number of points), from SEC 2 §2.4.1. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** n / 2 rounded down: the largest s EIP-2 accepts. */
export const SECP256K1_HALF_N = SECP256K1_N >> 1n;

/**
 * EIP-2 low-s normalisation: for an ECDSA signature (r, s), (r, n − s) is equally valid, and
 * Ethereum accepts only s ≤ n/2. Returns s unchanged when already low, else n − s.
 * Range: input 1 ≤ s < n; output 1 ≤ s ≤ n/2. Flipping s flips the recovery parity, which is why the
 * recovery id is found by trial after normalising.
 */
export function normalizeLowS(s: bigint): bigint {
  if (s <= 0n || s >= SECP256K1_N) throw new RangeError(`ECDSA s must satisfy 0 < s < n, got ${s}`);
  return s > SECP256K1_HALF_N ? SECP256K1_N - s : s;
}
