import { UnknownHashSchemeError } from './errors.js';
import { HASH_SCHEMES, LEGACY_HASH_SCHEME, type HashScheme } from './hashSchemes.js';

/**
 * The hash scheme a stored record names; a record without `hashScheme` was written before records
 * named one and uses the legacy scheme.
 * @throws UnknownHashSchemeError for a scheme this code does not know.
 */
export function hashSchemeOf(record: { readonly hashScheme?: string }): HashScheme {
  const scheme = record.hashScheme;
  if (scheme === undefined) return LEGACY_HASH_SCHEME;
  if ((HASH_SCHEMES as readonly string[]).includes(scheme)) return scheme as HashScheme;
  throw new UnknownHashSchemeError(
    `record names hash scheme "${scheme}"; known: ${HASH_SCHEMES.join(', ')}`,
    {
      fix: 'verify with a Ballast release that knows this scheme',
    },
  );
}
