import { KmsApiError } from '../../errors.js';
import { type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { requiredString } from '../request/requiredString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.DisableKey` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const disableKey: KmsOperation = (state, body) => {
  const key = resolveKey(state, requiredString(body, 'KeyId'));
  if (key.state === 'PendingDeletion')
    throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
  key.state = 'Disabled';
  return {};
};
