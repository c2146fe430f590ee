import { SECP256K1_N } from '../../../chain/kms/normalizeLowS.js';
import { SIGNING_ALGORITHM, type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { checkSigningAlgorithm } from '../checkSigningAlgorithm.js';
import { digestOf } from '../digestOf.js';
import { encodeDerSignature } from '../encodeDerSignature.js';
import { highSCoin } from '../highSCoin.js';
import { usableKey } from '../usableKey.js';

/** `TrentService.Sign` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const sign: KmsOperation = (state, body) => {
  const key = usableKey(state, body);
  checkSigningAlgorithm(body);
  const digest = digestOf(body);
  const signature = key.signingKey.sign(digest); // RFC 6979, always low-s
  const r = BigInt(signature.r);
  const lowS = BigInt(signature.s);
  // AWS does not normalise s: return the equally valid (r, n − s) about half the time.
  const s = highSCoin(state) ? SECP256K1_N - lowS : lowS;
  return {
    KeyId: arnOf(key),
    Signature: Buffer.from(encodeDerSignature({ r, s })).toString('base64'),
    SigningAlgorithm: SIGNING_ALGORITHM,
  };
};
