import { CanonicalJsonError } from './errors.js';

/**
 * Hash scheme v1's canonical JSON (`ballast-v1-sha256`, docs/methodology.md §8), kept so records
 * written before the hash change keep verifying: object keys sorted by UTF-16 code unit order, no
 * whitespace, every number written as a JSON *string* of its shortest round-trip decimal form
 * (`String(n)`, so `1e21` and `0.1` are unambiguous across languages; `-0` as `"0"`), `undefined`
 * object members dropped, `undefined` array items written as null. The same value always gives the
 * same text, on every platform.
 *
 * Rejects what has no canonical form (CanonicalJsonError): NaN, ±Infinity, bigint, functions, symbols, cycles; the error
 * names the path (e.g. `$.candles[3][4]`).
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, new Set<object>());
  } catch (error) {
    if (error instanceof PathError)
      throw new CanonicalJsonError(`canonicalJson: $${error.path} ${error.problem}`, {
        fix: 'hash plain JSON data only',
      });
    throw error;
  }
}

function isFiniteNumber(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Internal: carries the path up the stack only when something fails (building paths eagerly is
 * slow); never escapes `canonicalJson`, which throws a CanonicalJsonError instead.
 */
class PathError extends Error {
  constructor(
    readonly problem: string,
    public path = '',
  ) {
    super(problem);
  }
}

function write(value: unknown, stack: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new PathError(`is ${value}; only finite numbers have a canonical form`);
      // String(n) never contains characters JSON must escape.
      return value === 0 ? '"0"' : `"${String(value)}"`;
    case 'object': {
      if (stack.has(value)) throw new PathError('is a cycle');
      stack.add(value);
      let out: string;
      if (Array.isArray(value) && value.length > 0 && value.every(isFiniteNumber)) {
        // Fast path for numeric arrays (candles): JSON.stringify formats finite numbers exactly like
        // String(n) (and -0 as 0) but natively; only the quotes are added.
        out = `["${JSON.stringify(value).slice(1, -1).split(',').join('","')}"]`;
      } else if (Array.isArray(value)) {
        out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item: unknown = value[i];
          try {
            out += item === undefined ? 'null' : write(item, stack);
          } catch (error) {
            if (error instanceof PathError) error.path = `[${i}]${error.path}`;
            throw error;
          }
        }
        out += ']';
      } else {
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).sort();
        out = '{';
        let first = true;
        for (const key of keys) {
          const member = record[key];
          if (member === undefined) continue;
          if (!first) out += ',';
          first = false;
          try {
            out += `${JSON.stringify(key)}:${write(member, stack)}`;
          } catch (error) {
            if (error instanceof PathError) error.path = `.${key}${error.path}`;
            throw error;
          }
        }
        out += '}';
      }
      stack.delete(value);
      return out;
    }
    default:
      throw new PathError(`is a ${typeof value}; only JSON values can be hashed`);
  }
}
