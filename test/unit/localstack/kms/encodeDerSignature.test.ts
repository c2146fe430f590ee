import { describe, expect, it } from 'vitest';
import { encodeDerSignature } from '../../../../shared/localstack/kms/encodeDerSignature.js';
import { encodeSecp256k1Spki } from '../../../../shared/localstack/kms/encodeSecp256k1Spki.js';

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('encodeDerSignature', () => {
  it('encodes minimal integers: 0x00 before a high bit, leading zero bytes dropped', () => {
    expect(hexOf(encodeDerSignature({ r: 0x80n, s: 0x7fn }))).toBe('3007020200800201' + '7f');
    expect(hexOf(encodeDerSignature({ r: 1n, s: 0x0100n }))).toBe('30070201010202' + '0100');
    const big = (1n << 256n) - 1n;
    const der = encodeDerSignature({ r: big, s: big });
    expect(der).toHaveLength(72); // the longest secp256k1 signature
    expect(hexOf(der).slice(0, 10)).toBe('3046022100');
  });

  it('refuses non-positive integers', () => {
    expect(() => encodeDerSignature({ r: 0n, s: 1n })).toThrow(/positive/);
  });
});

describe('encodeSecp256k1Spki', () => {
  it('prefixes the uncompressed point with the 23-byte secp256k1 SPKI header', () => {
    const point = new Uint8Array(65).fill(9);
    point[0] = 4;
    const spki = encodeSecp256k1Spki(point);
    expect(spki).toHaveLength(88);
    expect(hexOf(spki.subarray(0, 23))).toBe('3056301006072a8648ce3d020106052b8104000a034200');
    expect(spki.subarray(23)).toEqual(point);
  });

  it('rejects compressed or short keys', () => {
    expect(() => encodeSecp256k1Spki(new Uint8Array(33).fill(2))).toThrow(/65-byte uncompressed/);
  });
});
