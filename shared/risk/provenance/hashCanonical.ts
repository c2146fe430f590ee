import { canonicalText } from './canonicalText.js';
import type { HashScheme } from './hashSchemes.js';
import { sha256Hex } from './sha256Hex.js';

/**
 * `sha256Hex(canonicalText(value, scheme))`: the hash stored as configHash / inputsHash /
 * previousHash / recordHash. The scheme is the record's own (`hashSchemeOf`); new records use
 * `CURRENT_HASH_SCHEME`.
 */
export function hashCanonical(value: unknown, scheme: HashScheme): string {
  return sha256Hex(canonicalText(value, scheme));
}
