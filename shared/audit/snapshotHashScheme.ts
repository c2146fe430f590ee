import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { HASH_SCHEMES, type HashScheme } from '../risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../risk/types.js';

/**
 * The hash scheme under which a snapshot's stored `inputsHash` is the hash of `inputs`, or
 * undefined. Snapshots written since reference candles have their own table hash their inputs
 * without `candles` (shared/store/putSnapshot.ts); older ones hash them whole. A snapshot is
 * hashed when it is collected, so at a deploy that changed the scheme it may use the other one.
 */
export function snapshotHashScheme(inputs: RiskInputs, storedHash: string): HashScheme | undefined {
  const { candles: _candles, ...withoutCandles } = inputs;
  return HASH_SCHEMES.find(
    (s) => hashCanonical(inputs, s) === storedHash || hashCanonical(withoutCandles, s) === storedHash,
  );
}
