import { brotliCompressSync, constants } from 'node:zlib';

/**
 * How a JSON attribute is stored: Brotli (RFC 7932, quality 11) of its plain JSON text, which
 * round-trips every double exactly, as a binary attribute `<name>Br`. Records and snapshots are
 * written once and read rarely, and DynamoDB bills writes and storage per KB: on the local replay
 * Brotli stores a snapshot in about 25 % fewer bytes than gzip, for about 12 ms of CPU
 * (docs/operations.md, "Stored bytes, measured"). readJsonAttribute also reads the older `<name>Gz`
 * (gzip) and `<name>` (plain JSON) attributes.
 */
export function jsonAttribute(name: string, value: unknown): Record<string, Uint8Array> {
  const text = JSON.stringify(value);
  return {
    [`${name}Br`]: brotliCompressSync(text, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    }),
  };
}
