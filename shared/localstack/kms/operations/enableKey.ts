import { KmsApiError } from '../../errors.js';
import { type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { requiredString } from '../request/requiredString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.EnableKey` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const enableKey: KmsOperation = (state, body) => {
  const key = resolveKey(state, requiredString(body, 'KeyId'));
  if (key.state === 'PendingDeletion')
    throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
  key.state = 'Enabled';
  return {};
};
