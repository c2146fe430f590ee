import { canonicalJson } from './canonicalJson.js';
import { sha256Hex } from './sha256Hex.js';

/** `sha256Hex(canonicalJson(value))`: the hash stored as configHash / inputsHash in every record. */
export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
