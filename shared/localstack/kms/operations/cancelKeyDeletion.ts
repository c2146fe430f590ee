import { KmsApiError } from '../../errors.js';
import { type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { requiredString } from '../request/requiredString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.CancelKeyDeletion` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const cancelKeyDeletion: KmsOperation = (state, body) => {
  const key = resolveKey(state, requiredString(body, 'KeyId'));
  if (key.state !== 'PendingDeletion')
    throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is not pending deletion.`);
  // AWS leaves a key whose deletion was cancelled disabled.
  key.state = 'Disabled';
  key.deletionDate = undefined;
  key.pendingWindowInDays = undefined;
  return { KeyId: arnOf(key) };
};
