import { KmsApiError } from '../../errors.js';
import { requiredString } from './requiredString.js';

/** A required base64 blob field of a request body, decoded. */
export function base64Blob(body: Record<string, unknown>, field: string): Uint8Array {
  const value = requiredString(body, field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw new KmsApiError('SerializationException', `Value at '${field}' is not valid base64`);
  }
  return Uint8Array.from(Buffer.from(value, 'base64'));
}
