import { KmsApiError } from '../errors.js';
import { KEY_SPEC, SIGNING_ALGORITHM } from './KmsState.js';
import { requiredString } from './request/requiredString.js';

/** The only signing algorithm of a secp256k1 key is ECDSA_SHA_256. */
export function checkSigningAlgorithm(body: Record<string, unknown>): void {
  const algorithm = requiredString(body, 'SigningAlgorithm');
  if (algorithm !== SIGNING_ALGORITHM) {
    throw new KmsApiError(
      'InvalidKeyUsageException',
      `Signing algorithm ${algorithm} is not valid for key spec ${KEY_SPEC}; use ${SIGNING_ALGORITHM}`,
    );
  }
}
