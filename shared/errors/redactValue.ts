import { redactSecrets } from './redactSecrets.js';

/** How deep nested error fields are copied (ethers errors nest 2–3 levels). */
const MAX_DEPTH = 6;

/**
 * A copy of `value` with every string passed through `redactSecrets`. Errors stay errors (same
 * prototype, so `instanceof` and ethers' `code`/`data`/`revert` still work) with message, stack,
 * cause and every own field redacted; plain objects and arrays are copied; other objects (ethers'
 * FetchRequest/FetchResponse, which carry the URL in getters) are dropped from errors. Use it on
 * anything that leaves a component: a thrown RPC error, a failover callback's argument.
 */
export function redactValue<T>(value: T): T {
  return copy(value, 0, new WeakMap()) as T;
}

function copy(value: unknown, depth: number, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copy(item, depth + 1, seen));
    return out;
  }
  if (value instanceof Error) {
    const out = Object.create(Object.getPrototypeOf(value) as object) as Error;
    seen.set(value, out);
    const define = (key: string, v: unknown, enumerable: boolean): void => {
      Object.defineProperty(out, key, { value: v, enumerable, writable: true, configurable: true });
    };
    define('message', redactSecrets(value.message), false);
    if (value.stack !== undefined) define('stack', redactSecrets(value.stack), false);
    if (value.cause !== undefined) define('cause', copy(value.cause, depth + 1, seen), false);
    for (const key of Object.keys(value)) {
      const field: unknown = (value as unknown as Record<string, unknown>)[key];
      if (isDroppable(field)) continue;
      define(key, copy(field, depth + 1, seen), true);
    }
    // A class field `name` (BallastError) is an own key and copied above; ethers' is the prototype's.
    return out;
  }
  if (isDroppable(value)) return undefined;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, field] of Object.entries(value)) {
    if (isDroppable(field)) continue;
    out[key] = copy(field, depth + 1, seen);
  }
  return out;
}

/** Class instances other than errors and arrays: their getters may hold a URL, and logs do not need them. */
function isDroppable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Error)
    return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null;
}
