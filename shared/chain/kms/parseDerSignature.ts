import { KmsResponseError } from './errors.js';
import { SECP256K1_N } from './normalizeLowS.js';

export interface ParseDerSignatureResult {
  /** ECDSA r, 0 < r < n. */
  readonly r: bigint;
  /** ECDSA s, 0 < s < n, as returned (possibly high-s). */
  readonly s: bigint;
}

function fail(der: Uint8Array, what: string): never {
  throw new KmsResponseError(
    `KMS returned a malformed DER ECDSA signature (${what}): 0x${Buffer.from(der).toString('hex')}`,
    {
      fix: 'the key must be an ECC_SECG_P256K1 key signed with ECDSA_SHA_256; if it is, report this signature as a bug',
    },
  );
}

/**
 * Parses the DER `SEQUENCE { INTEGER r, INTEGER s }` that KMS `Sign` returns for ECDSA.
 * Each INTEGER is minimal two's complement, so it may be 33 bytes (a 0x00 before a byte ≥ 0x80)
 * or shorter than 32 bytes (leading zero bytes dropped); both become plain bigints here, to be
 * left-padded to 32 bytes by the caller. Rejects trailing bytes, negative or zero values and r, s ≥ n.
 */
export function parseDerSignature(der: Uint8Array): ParseDerSignatureResult {
  let offset = 0;
  const byte = (): number => {
    const value = der[offset];
    if (value === undefined) fail(der, `truncated at byte ${offset}`);
    offset += 1;
    return value;
  };
  const length = (): number => {
    const first = byte();
    if (first < 0x80) return first;
    // Long form: secp256k1 signatures never need it, but DER allows 0x81 for lengths 128–255.
    if (first !== 0x81) fail(der, `unsupported length byte 0x${first.toString(16)}`);
    const value = byte();
    if (value < 0x80) fail(der, 'non-minimal long-form length');
    return value;
  };
  const integer = (name: string): bigint => {
    if (byte() !== 0x02) fail(der, `${name} is not an INTEGER`);
    const len = length();
    if (len < 1 || len > 33) fail(der, `${name} has ${len} bytes, expected 1 to 33`);
    if (offset + len > der.length) fail(der, `${name} runs past the end`);
    const bytes = der.subarray(offset, offset + len);
    offset += len;
    if ((bytes[0] ?? 0) & 0x80) fail(der, `${name} is negative`);
    const value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
    if (value === 0n || value >= SECP256K1_N) fail(der, `${name} is outside 0 < ${name} < n`);
    return value;
  };

  if (byte() !== 0x30) fail(der, 'not a SEQUENCE');
  const bodyLength = length();
  if (offset + bodyLength !== der.length) fail(der, `SEQUENCE length ${bodyLength} does not match the input`);
  const r = integer('r');
  const s = integer('s');
  if (offset !== der.length) fail(der, 'trailing bytes after s');
  return { r, s };
}
