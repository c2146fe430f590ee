import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJcs } from '../../../../shared/risk/provenance/canonicalJcs.js';
import { canonicalText } from '../../../../shared/risk/provenance/canonicalText.js';
import { CanonicalJsonError, UnknownHashSchemeError } from '../../../../shared/risk/provenance/errors.js';
import { hashCanonical } from '../../../../shared/risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../../../../shared/risk/provenance/hashSchemeOf.js';
import { HASH_SCHEMES, type HashScheme } from '../../../../shared/risk/provenance/hashSchemes.js';
import { sha256Hex } from '../../../../shared/risk/provenance/sha256Hex.js';

interface Vector {
  readonly name: string;
  readonly scheme: HashScheme;
  readonly input: string;
  readonly canonical: string;
  readonly sha256: string;
}
const { vectors } = JSON.parse(
  readFileSync(new URL('../../../fixtures/audit/hash-vectors.json', import.meta.url), 'utf8'),
) as { vectors: Vector[] };

describe('cross-language hash vectors (test/fixtures/audit/hash-vectors.json)', () => {
  it('covers both schemes', () => {
    expect(new Set(vectors.map((v) => v.scheme))).toEqual(new Set(HASH_SCHEMES));
    expect(vectors.length).toBeGreaterThanOrEqual(6);
  });

  it.each(vectors.map((v) => [`${v.name} (${v.scheme})`, v] as const))(
    '%s: canonical text and SHA-256 as recorded',
    (_name, vector) => {
      const value: unknown = JSON.parse(vector.input);
      expect(canonicalText(value, vector.scheme)).toBe(vector.canonical);
      expect(sha256Hex(vector.canonical)).toBe(vector.sha256);
      expect(hashCanonical(value, vector.scheme)).toBe(vector.sha256);
      if (vector.scheme === 'rfc8785-sha256') {
        // JCS text is itself JSON for the same value (-0 reads back as 0), and canonical again unchanged.
        expect(JSON.parse(vector.canonical)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJcs(JSON.parse(vector.canonical))).toBe(vector.canonical);
      }
    },
  );
});

describe('canonicalJcs', () => {
  it('rejects what JSON cannot carry, naming the path', () => {
    const holes: unknown[] = [1];
    holes[2] = 3;
    const cases: [unknown, RegExp][] = [
      [{ a: [1, Number.NaN] }, /\$\.a\[1\] is NaN/],
      [{ a: Number.POSITIVE_INFINITY }, /\$\.a is Infinity/],
      [{ a: { b: holes } }, /\$\.a\.b\[1\] is a hole/],
      [{ a: [undefined] }, /\$\.a\[0\] is undefined/],
      [{ d: new Date(0) }, /\$\.d is a Date/],
      [{ m: new Map([['a', 1]]) }, /\$\.m is a Map/],
      [{ s: new Set([1]) }, /\$\.s is a Set/],
      [{ b: 1n }, /\$\.b is a bigint/],
      [{ f: () => 1 }, /\$\.f is a function/],
      [{ s: 'x\uD800y' }, /\$\.s contains a lone surrogate/],
    ];
    for (const [value, message] of cases) {
      expect(() => canonicalJcs(value)).toThrow(CanonicalJsonError);
      expect(() => canonicalJcs(value)).toThrow(message);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJcs(cyclic)).toThrow(/\$\.self is a cycle/);
  });

  it("property: the text is the canonicalize library's (by an RFC 8785 author), character for character", () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }).filter((s) => !/[\uD800-\uDFFF]/.test(s)),
      fc.constantFrom('', '\u0000', '\u001f', '"\\/\b\f\n\r\t', '\u2028\u2029', '€', '😀', 'é', '\u00ff'),
    );
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(-0, 0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE, 0.1 + 0.2),
      fc.integer(),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        number,
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(text, tie('value'), { maxKeys: 6 }),
      ),
    }));
    fc.assert(
      fc.property(fc.oneof(value, fc.jsonValue()), (v) => {
        expect(canonicalJcs(v)).toBe(canonicalize(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('drops undefined object members, like JSON', () => {
    expect(canonicalJcs({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  it('property: a value and its stored JSON have the same canonical text, which parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const stored: unknown = JSON.parse(JSON.stringify(value));
        const text = canonicalJcs(value);
        expect(canonicalJcs(stored)).toBe(text);
        expect(JSON.parse(text)).toEqual(stored);
      }),
      { numRuns: 300 },
    );
  });

  it('property: key order and whitespace never change the hash', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(hashCanonical(reversed, 'rfc8785-sha256')).toBe(hashCanonical(record, 'rfc8785-sha256'));
        const spaced: unknown = JSON.parse(JSON.stringify(record, null, 2));
        expect(hashCanonical(spaced, 'rfc8785-sha256')).toBe(hashCanonical(record, 'rfc8785-sha256'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('hashSchemeOf', () => {
  it('reads a named scheme, and a record without one as the legacy v1 scheme', () => {
    expect(hashSchemeOf({ hashScheme: 'rfc8785-sha256' })).toBe('rfc8785-sha256');
    expect(hashSchemeOf({ hashScheme: 'ballast-v1-sha256' })).toBe('ballast-v1-sha256');
    expect(hashSchemeOf({})).toBe('ballast-v1-sha256');
  });

  it('refuses a scheme it does not know, naming it', () => {
    expect(() => hashSchemeOf({ hashScheme: 'md5' })).toThrow(UnknownHashSchemeError);
    expect(() => hashSchemeOf({ hashScheme: 'md5' })).toThrow(
      /"md5"; known: ballast-v1-sha256, rfc8785-sha256/,
    );
  });
});
