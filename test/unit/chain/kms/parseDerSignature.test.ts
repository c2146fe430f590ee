import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KmsResponseError } from '../../../../shared/chain/kms/errors.js';
import { SECP256K1_N } from '../../../../shared/chain/kms/normalizeLowS.js';
import { parseDerSignature } from '../../../../shared/chain/kms/parseDerSignature.js';
import { encodeDerSignature } from '../../../../shared/localstack/kms/encodeDerSignature.js';

const hex = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value.replace(/\s/g, ''), 'hex'));
const R32 = '7f'.padEnd(64, '11');

describe('parseDerSignature', () => {
  it('reads 33-byte integers (leading 0x00 before a high bit) as 32-byte values', () => {
    const r = 0x80n << 248n;
    const s = SECP256K1_N - 1n;
    const der = hex(`3046 0221 00${r.toString(16)} 0221 00${s.toString(16)}`);
    expect(parseDerSignature(der)).toEqual({ r, s });
  });

  it('reads short integers (leading zero bytes dropped) without padding in the input', () => {
    // r has 31 bytes, s has 1 byte: both are valid minimal DER.
    const der = hex(`3024 021f ${'22'.repeat(31)} 0201 05`);
    expect(parseDerSignature(der)).toEqual({ r: BigInt(`0x${'22'.repeat(31)}`), s: 5n });
  });

  it('round-trips every (r, s) in [1, n) through the KMS-style encoder', () => {
    const scalar = fc.bigInt({ min: 1n, max: SECP256K1_N - 1n });
    // Small and large magnitudes, to hit short, 32- and 33-byte integers.
    const shaped = fc.oneof(
      scalar,
      fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
      fc.bigInt({ min: 1n << 255n, max: SECP256K1_N - 1n }),
    );
    fc.assert(
      fc.property(shaped, shaped, (r, s) => {
        expect(parseDerSignature(encodeDerSignature({ r, s }))).toEqual({ r, s });
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['not a SEQUENCE', `3144 0220 ${R32} 0220 ${R32}`, /not a SEQUENCE/],
    ['a SEQUENCE length that disagrees with the input', `3045 0220 ${R32} 0220 ${R32}`, /does not match/],
    ['bytes after s inside the SEQUENCE', `3046 0220 ${R32} 0220 ${R32} 0500`, /trailing bytes/],
    ['r not an INTEGER', `3044 0320 ${R32} 0220 ${R32}`, /r is not an INTEGER/],
    ['a negative r', `3044 0220 ${'ff'.repeat(32)} 0220 ${R32}`, /r is negative/],
    ['a zero s', `3025 0220 ${R32} 0201 00`, /s is outside/],
    ['r ≥ n', `3045 0221 00${SECP256K1_N.toString(16)} 0220 ${R32}`, /r is outside/],
    ['a 34-byte integer', `3046 0222 0000${'11'.repeat(32)} 0220 ${R32}`, /34 bytes/],
    ['s running past the end', `302e 0220 ${R32} 0220 ${'11'.repeat(10)}`, /s runs past the end/],
    ['empty input', '', /truncated/],
  ])('rejects %s', (_case, input, reason) => {
    expect(() => parseDerSignature(hex(input))).toThrow(KmsResponseError);
    expect(() => parseDerSignature(hex(input))).toThrow(reason);
  });

  it('names the problem and shows the bytes', () => {
    expect(() => parseDerSignature(hex('300602010002 0101'))).toThrow(
      /malformed DER ECDSA signature \(.*\): 0x3006/,
    );
  });
});
