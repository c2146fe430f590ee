import { KmsApiError } from '../../errors.js';
import { type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { kmsValidationError } from '../request/kmsValidationError.js';
import { requiredString } from '../request/requiredString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.ScheduleKeyDeletion` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const scheduleKeyDeletion: KmsOperation = (state, body) => {
  const key = resolveKey(state, requiredString(body, 'KeyId'));
  const days = body.PendingWindowInDays === undefined ? 30 : Number(body.PendingWindowInDays);
  if (!Number.isInteger(days) || days < 7 || days > 30) {
    throw kmsValidationError(
      `PendingWindowInDays must be an integer from 7 to 30, got ${String(body.PendingWindowInDays)}`,
    );
  }
  if (key.state === 'PendingDeletion')
    throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
  key.state = 'PendingDeletion';
  key.pendingWindowInDays = days;
  key.deletionDate = Math.floor(Date.now() / 1000) + days * 86_400;
  return {
    KeyId: arnOf(key),
    DeletionDate: key.deletionDate,
    KeyState: key.state,
    PendingWindowInDays: days,
  };
};
