import { computeAddress, hexlify } from 'ethers';
import { KmsResponseError } from './errors.js';

/** The 23-byte DER prefix of a secp256k1 SubjectPublicKeyInfo (see encodeSecp256k1Spki). */
const SPKI_PREFIX_HEX = '3056301006072a8648ce3d020106052b8104000a034200';

/**
 * Ethereum address of a KMS secp256k1 public key, from the DER SubjectPublicKeyInfo that
 * `GetPublicKey` returns: the 88 bytes are a fixed 23-byte prefix, then the uncompressed point
 * `04‖X‖Y`; address = last 20 bytes of keccak256(X‖Y), EIP-55 checksummed. ethers validates that
 * the point is on the curve.
 */
export function publicKeyToAddress(spki: Uint8Array): string {
  const hex = Buffer.from(spki).toString('hex');
  if (spki.length !== 88 || !hex.startsWith(SPKI_PREFIX_HEX)) {
    throw new KmsResponseError(
      `KMS public key is not a secp256k1 SubjectPublicKeyInfo (${spki.length} bytes: 0x${hex.slice(0, 60)}…)`,
      { fix: 'use a KMS key created with KeySpec ECC_SECG_P256K1 and KeyUsage SIGN_VERIFY' },
    );
  }
  try {
    return computeAddress(hexlify(spki.subarray(23)));
  } catch (error) {
    throw new KmsResponseError(`KMS public key is not a valid secp256k1 point: 0x${hex.slice(46)}`, {
      cause: error,
    });
  }
}
