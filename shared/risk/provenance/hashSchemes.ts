/**
 * The hash schemes a record can name (docs/methodology.md §8). A scheme fixes both the canonical
 * text of a JSON value and the digest over its UTF-8 bytes.
 *
 * - `ballast-v1-sha256`: Ballast's own canonical JSON (keys sorted by UTF-16 code units, no
 *   whitespace, every number written as a JSON *string*), SHA-256. Records written before the
 *   hash change carry no `hashScheme` field and are read as this scheme.
 * - `rfc8785-sha256`: RFC 8785 JSON Canonicalization Scheme (JCS) text, SHA-256: what any JCS
 *   library in any language produces (docs/audit.md shows Python).
 */
export const HASH_SCHEMES = ['ballast-v1-sha256', 'rfc8785-sha256'] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];

/** The scheme of records stored before records named one. */
export const LEGACY_HASH_SCHEME: HashScheme = 'ballast-v1-sha256';

/**
 * The scheme new records are hashed with.
 * @default "rfc8785-sha256"
 */
export const CURRENT_HASH_SCHEME: HashScheme = 'rfc8785-sha256';
