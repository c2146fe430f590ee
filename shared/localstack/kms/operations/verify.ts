import { normalizeLowS } from '../../../chain/kms/normalizeLowS.js';
import { parseDerSignature } from '../../../chain/kms/parseDerSignature.js';
import { KmsApiError } from '../../errors.js';
import { SIGNING_ALGORITHM, type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { checkSigningAlgorithm } from '../checkSigningAlgorithm.js';
import { digestOf } from '../digestOf.js';
import { base64Blob } from '../request/base64Blob.js';
import { usableKey } from '../usableKey.js';
import { SigningKey } from 'ethers';

/** `TrentService.Verify` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const verify: KmsOperation = (state, body) => {
  const key = usableKey(state, body);
  checkSigningAlgorithm(body);
  const digest = digestOf(body);
  const der = base64Blob(body, 'Signature');
  let valid = false;
  try {
    const { r, s } = parseDerSignature(der);
    const low = normalizeLowS(s);
    // (r, s) verifies for Q iff (r, n − s) does; recovering with both parities finds Q if valid.
    valid = [27, 28].some(
      (v) =>
        SigningKey.recoverPublicKey(digest, {
          r: `0x${r.toString(16).padStart(64, '0')}`,
          s: `0x${low.toString(16).padStart(64, '0')}`,
          v,
        }) === key.signingKey.publicKey,
    );
  } catch {
    valid = false;
  }
  if (!valid)
    throw new KmsApiError(
      'KMSInvalidSignatureException',
      'The signature is not valid for this key and message',
    );
  return { KeyId: arnOf(key), SignatureValid: true, SigningAlgorithm: SIGNING_ALGORITHM };
};
