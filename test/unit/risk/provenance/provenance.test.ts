import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/risk/provenance/canonicalJson.js';
import { hashCanonical } from '../../../../shared/risk/provenance/hashCanonical.js';
import { sha256Hex } from '../../../../shared/risk/provenance/sha256Hex.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, writes numbers as strings and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1.5, -0, 1e21], c: true }, u: undefined, n: null })).toBe(
      '{"a":{"c":true,"d":["1.5","0","1e+21"]},"b":"1","n":null}',
    );
  });
  it('writes numeric arrays (fast path) exactly like mixed arrays (general path)', () => {
    const nums = [0.1, -0, 1e21, 1e-7, 123456789.123, -2.5];
    const fast = canonicalJson(nums);
    const general = canonicalJson([...nums, 'x']);
    expect(fast).toBe('["0.1","0","1e+21","1e-7","123456789.123","-2.5"]');
    expect(general).toBe(`${fast.slice(0, -1)},"x"]`);
  });
  it('gives the same text whatever the key insertion order', () => {
    expect(canonicalJson({ x: 1, y: [2, { q: 3, p: 4 }] })).toBe(
      canonicalJson({ y: [2, { p: 4, q: 3 }], x: 1 }),
    );
  });
  it('rejects values without a canonical form, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(/\$\.a\[1\] is NaN/);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(/finite/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('hashCanonical is sha256 of the canonical text', () => {
    expect(hashCanonical({ b: 2, a: 1 }, 'ballast-v1-sha256')).toBe(sha256Hex('{"a":"1","b":"2"}'));
    expect(hashCanonical({ b: 2, a: 1 }, 'rfc8785-sha256')).toBe(sha256Hex('{"a":1,"b":2}'));
  });
});
