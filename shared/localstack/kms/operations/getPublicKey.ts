import { KEY_SPEC, KEY_USAGE, SIGNING_ALGORITHM, type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { usableKey } from '../usableKey.js';

/** `TrentService.GetPublicKey` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const getPublicKey: KmsOperation = (state, body) => {
  const key = usableKey(state, body);
  return {
    KeyId: arnOf(key),
    PublicKey: Buffer.from(key.spki).toString('base64'),
    CustomerMasterKeySpec: KEY_SPEC,
    KeySpec: KEY_SPEC,
    KeyUsage: KEY_USAGE,
    SigningAlgorithms: [SIGNING_ALGORITHM],
  };
};
