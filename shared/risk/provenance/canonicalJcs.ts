import { CanonicalJsonError } from './errors.js';

/**
 * RFC 8785 (JCS) canonical text of a JSON value: keys sorted by UTF-16 code units, no whitespace,
 * numbers in ECMAScript shortest round-trip form (`1e+21`, `0.1`, `-0` as `0`), strings escaped
 * minimally. The text is the one the `canonicalize` library (by one of the RFC's authors) writes,
 * character for character (test/unit/risk/provenance/hashSchemes.test.ts compares them on random
 * values), built the same way (`JSON.stringify` for every string, number and literal) without the
 * library's second, per-character surrogate scan of every string: `check` below has refused lone
 * surrogates already. Engine checkpoints hold long base64 strings, where that scan was most of the
 * hashing time.
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
  if (value === undefined) throw new CanonicalJsonError('canonicalJcs: $ has no JSON form');
  return jcs(value);
}

/** The canonical text of a value `check` accepted (no cycle, hole, non-finite number or lone surrogate). */
function jcs(value: unknown): string {
  // A string without a character JSON escapes (most of them: ids, base64 columns) is itself in quotes.
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + jcs(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${jcs(member)}`;
    first = false;
  }
  return `${out}}`;
}

function fail(path: string, problem: string): never {
  throw new CanonicalJsonError(`canonicalJcs: ${path} ${problem}`, {
    fix: 'hash plain JSON data only (convert dates to ISO strings or ms numbers, maps to objects)',
  });
}

/** Characters `JSON.stringify` may write otherwise than as themselves: quote, backslash, controls, surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\uD800-\uDFFF]/;

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
