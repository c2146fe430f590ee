import { KmsApiError } from '../../errors.js';

/** The request body, which must be a JSON object. */
export function asKmsObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KmsApiError('SerializationException', 'request body must be a JSON object');
  }
  return input as Record<string, unknown>;
}
