import { describe, expect, it } from 'vitest';
import { SECP256K1_HALF_N, SECP256K1_N, normalizeLowS } from '../../../../shared/chain/kms/normalizeLowS.js';

describe('normalizeLowS', () => {
  it('keeps s ≤ n/2 and maps s > n/2 to n − s', () => {
    expect(normalizeLowS(1n)).toBe(1n);
    expect(normalizeLowS(SECP256K1_HALF_N)).toBe(SECP256K1_HALF_N);
    expect(normalizeLowS(SECP256K1_HALF_N + 1n)).toBe(SECP256K1_N - SECP256K1_HALF_N - 1n);
    expect(normalizeLowS(SECP256K1_N - 1n)).toBe(1n);
  });

  it('rejects values outside (0, n)', () => {
    expect(() => normalizeLowS(0n)).toThrow(/0 < s < n/);
    expect(() => normalizeLowS(SECP256K1_N)).toThrow(RangeError);
  });
});
