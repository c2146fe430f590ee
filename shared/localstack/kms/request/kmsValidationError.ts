import { KmsApiError } from '../../errors.js';

/** AWS's ValidationException for a field that breaks its constraint. */
export function kmsValidationError(message: string): KmsApiError {
  return new KmsApiError('ValidationException', message);
}
