import { Signature, recoverAddress, toBeHex } from 'ethers';
import { KmsRecoveryError } from './errors.js';

export interface RecoverRecoveryIdParams {
  /** The 32-byte digest that was signed, hex. */
  readonly digest: string;
  readonly r: bigint;
  /** Must already be low-s (EIP-2); see normalizeLowS. */
  readonly s: bigint;
  /** The key's address (checksummed or not); the recovered address must equal it. */
  readonly address: string;
  /** Named in the error message. */
  readonly keyId?: string;
}

export interface RecoverRecoveryIdResult {
  /** y-parity of R: 0 or 1 (v = 27 + yParity). */
  readonly yParity: 0 | 1;
  readonly signature: Signature;
}

/**
 * KMS does not return the recovery id, so try both parities and keep the one whose recovered
 * address is the key's. If neither recovers, the signature is not from this key (wrong key,
 * wrong digest, or a bug): fail loudly rather than publish a signature that reverts on-chain.
 */
export function recoverRecoveryId({
  digest,
  r,
  s,
  address,
  keyId,
}: RecoverRecoveryIdParams): RecoverRecoveryIdResult {
  const expected = address.toLowerCase();
  const rHex = toBeHex(r, 32);
  const sHex = toBeHex(s, 32);
  for (const yParity of [0, 1] as const) {
    const signature = Signature.from({ r: rHex, s: sHex, v: 27 + yParity });
    if (recoverAddress(digest, signature).toLowerCase() === expected) return { yParity, signature };
  }
  throw new KmsRecoveryError(
    `neither recovery id recovers ${address} from the KMS signature (r=${rHex}, s=${sHex}) of digest ${digest}`,
    {
      ...(keyId === undefined ? {} : { keyId }),
      fix: 'check that the signer address was derived from this same key id, and that the key has not been replaced',
    },
  );
}
