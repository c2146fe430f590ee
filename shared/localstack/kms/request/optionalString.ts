import { kmsValidationError } from './kmsValidationError.js';

/** An optional string field of a request body (null counts as absent). */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw kmsValidationError(`Value at '${field}' must be a string`);
  return value;
}
