import { KmsApiError } from '../errors.js';
import { arnOf } from './arnOf.js';
import type { KmsState, LocalKey } from './KmsState.js';
import { requiredString } from './request/requiredString.js';
import { resolveKey } from './resolveKey.js';

/** The body's KeyId resolved to an enabled key (disabled and pending-deletion keys cannot sign). */
export function usableKey(state: KmsState, body: Record<string, unknown>): LocalKey {
  const key = resolveKey(state, requiredString(body, 'KeyId'));
  if (key.state === 'Disabled') throw new KmsApiError('DisabledException', `${arnOf(key)} is disabled.`);
  if (key.state === 'PendingDeletion') {
    throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
  }
  return key;
}
