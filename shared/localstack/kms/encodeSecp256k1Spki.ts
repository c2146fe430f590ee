/**
 * DER prefix of a secp256k1 SubjectPublicKeyInfo, as AWS KMS GetPublicKey returns it:
 * SEQUENCE(86) { SEQUENCE(16) { OID 1.2.840.10045.2.1 ecPublicKey, OID 1.3.132.0.10 secp256k1 },
 * BIT STRING(66) { 0 unused bits, <65-byte uncompressed point> } }. 23 bytes; the point follows.
 */
export const SECP256K1_SPKI_PREFIX = Uint8Array.from(
  Buffer.from('3056301006072a8648ce3d020106052b8104000a034200', 'hex'),
);

/**
 * Wraps an uncompressed secp256k1 public key (`04‖X‖Y`, 65 bytes) in the 88-byte DER
 * SubjectPublicKeyInfo that AWS KMS returns for `ECC_SECG_P256K1` keys.
 */
export function encodeSecp256k1Spki(uncompressedPublicKey: Uint8Array): Uint8Array {
  if (uncompressedPublicKey.length !== 65 || uncompressedPublicKey[0] !== 0x04) {
    throw new RangeError(
      `expected a 65-byte uncompressed public key starting with 0x04, got ${uncompressedPublicKey.length} bytes`,
    );
  }
  const out = new Uint8Array(SECP256K1_SPKI_PREFIX.length + 65);
  out.set(SECP256K1_SPKI_PREFIX, 0);
  out.set(uncompressedPublicKey, SECP256K1_SPKI_PREFIX.length);
  return out;
}
