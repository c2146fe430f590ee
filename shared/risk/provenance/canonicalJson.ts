/**
 * Canonical JSON for hashing (METHOD.md §8): object keys sorted by UTF-16 code unit order, no
 * whitespace, every number written as a JSON *string* of its shortest round-trip decimal form
 * (`String(n)`, so `1e21` and `0.1` are unambiguous across languages), `undefined` object members
 * dropped. The same value always gives the same text, on every platform.
 *
 * Rejects what has no canonical form: NaN, ±Infinity, bigint, functions, symbols, cycles.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set<object>(), '$');
}

function write(value: unknown, stack: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}; only finite numbers have a canonical form`);
      // -0 and 0 are the same number in JSON; write both as "0".
      return JSON.stringify(Object.is(value, -0) ? '0' : String(value));
    case 'object': {
      if (stack.has(value)) throw new TypeError(`canonicalJson: ${path} is a cycle`);
      stack.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((item, i) => (item === undefined ? 'null' : write(item, stack, `${path}[${i}]`))).join(',')}]`;
      } else {
        const entries = Object.keys(value)
          .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], stack, `${path}.${key}`)}`);
        out = `{${entries.join(',')}}`;
      }
      stack.delete(value);
      return out;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}; only JSON values can be hashed`);
  }
}
