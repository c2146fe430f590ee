import { Signature, concat, getAddress } from 'ethers';
import { OracleClientError } from './errors.js';
import type { SignerSignature } from './types.js';

/**
 * Concatenates 65-byte r‖s‖v signatures sorted by signer address ascending, as `submit`
 * expects. High-s signatures are normalised to low-s (EIP-2), which the contract requires.
 */
export function packSignatures(signatures: readonly SignerSignature[]): string {
  const sorted = [...signatures]
    .map(({ signer, signature }) => ({ signer: getAddress(signer), signature: Signature.from(signature) }))
    .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.signer === sorted[i - 1]?.signer) {
      throw new OracleClientError(`signer ${sorted[i]?.signer} signed twice; each signer counts once`);
    }
  }
  return concat(sorted.map(({ signature }) => signature.serialized));
}
