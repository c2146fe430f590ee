import { SECP256K1_N } from '../../chain/kms/normalizeLowS.js';
import type { KmsState } from './KmsState.js';

/** A uniformly drawn secp256k1 private key (rejection sampling). */
export function newPrivateKey(state: KmsState): string {
  for (;;) {
    const candidate = BigInt(`0x${Buffer.from(state.nextBytes('private-key')).toString('hex')}`);
    if (candidate > 0n && candidate < SECP256K1_N) return `0x${candidate.toString(16).padStart(64, '0')}`;
  }
}
