import canonicalize from 'canonicalize';
import { CanonicalJsonError } from './errors.js';

/**
 * RFC 8785 (JCS) canonical text of a JSON value, produced by the `canonicalize` library (by one of
 * the RFC's authors): keys sorted by UTF-16 code units, no whitespace, numbers in ECMAScript
 * shortest round-trip form (`1e+21`, `0.1`, `-0` as `0`), strings escaped minimally.
 *
 * Only values that JSON round-trips are accepted, so that a value and its stored JSON
 * (`JSON.parse(JSON.stringify(value))`) always have the same text: plain objects, arrays without
 * holes or `undefined` items, strings without lone surrogates, finite numbers, booleans, null.
 * `undefined` object members are dropped (JSON drops them too). Anything else (NaN, ±Infinity,
 * bigint, functions, symbols, Date, Map, Set, class instances, cycles) throws a
 * CanonicalJsonError naming the path, e.g. `$.candles[3][4]`.
 */
export function canonicalJcs(value: unknown): string {
  check(value, '$', new Set<object>());
  const text = canonicalize(value);
  if (text === undefined) throw new CanonicalJsonError('canonicalJcs: $ has no JSON form');
  return text;
}

function fail(path: string, problem: string): never {
  throw new CanonicalJsonError(`canonicalJcs: ${path} ${problem}`, {
    fix: 'hash plain JSON data only (convert dates to ISO strings or ms numbers, maps to objects)',
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function check(value: unknown, path: string, stack: Set<object>): void {
  if (value === null) return;
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (LONE_SURROGATE.test(value)) fail(path, 'contains a lone surrogate; it has no UTF-8 form');
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(path, `is ${value}; only finite numbers have a canonical form`);
      return;
    case 'object': {
      if (stack.has(value)) fail(path, 'is a cycle');
      if (Array.isArray(value)) {
        stack.add(value);
        // Numeric arrays (candles) are the bulk of the inputs: one cheap pass.
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) fail(`${path}[${i}]`, 'is a hole in a sparse array; JSON has no holes');
          const item: unknown = value[i];
          if (typeof item === 'number' && Number.isFinite(item)) continue;
          if (item === undefined) fail(`${path}[${i}]`, 'is undefined; JSON arrays cannot hold it');
          check(item, `${path}[${i}]`, stack);
        }
        stack.delete(value);
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        fail(path, `is a ${kind}; only plain objects and arrays can be hashed`);
      }
      stack.add(value);
      for (const key of Object.keys(value)) {
        if (LONE_SURROGATE.test(key)) fail(path, `has a key with a lone surrogate (${JSON.stringify(key)})`);
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined) continue;
        check(member, `${path}.${key}`, stack);
      }
      stack.delete(value);
      return;
    }
    default:
      fail(path, `is a ${typeof value}; only JSON values can be hashed`);
  }
}
