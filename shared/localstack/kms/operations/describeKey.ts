import { type KmsOperation } from '../KmsState.js';
import { keyMetadata } from '../keyMetadata.js';
import { requiredString } from '../request/requiredString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.DescribeKey` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const describeKey: KmsOperation = (state, body) => {
  return { KeyMetadata: keyMetadata(resolveKey(state, requiredString(body, 'KeyId'))) };
};
