import { canonicalJcs } from './canonicalJcs.js';
import { canonicalJson } from './canonicalJson.js';
import type { HashScheme } from './hashSchemes.js';

/** The canonical text of `value` under `scheme` (the bytes the scheme's SHA-256 is taken over). */
export function canonicalText(value: unknown, scheme: HashScheme): string {
  return scheme === 'rfc8785-sha256' ? canonicalJcs(value) : canonicalJson(value);
}
