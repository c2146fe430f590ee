import { KmsApiError } from '../../errors.js';
import { type KmsOperation } from '../KmsState.js';
import { arnOf } from '../arnOf.js';
import { kmsValidationError } from '../request/kmsValidationError.js';
import { optionalString } from '../request/optionalString.js';

/** `TrentService.ListKeys` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const listKeys: KmsOperation = (state, body) => {
  const limit = body.Limit === undefined ? 100 : Number(body.Limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw kmsValidationError(`Limit must be 1 to 1000, got ${String(body.Limit)}`);
  const all = [...state.keys.values()];
  const marker = optionalString(body, 'Marker');
  const start = marker === undefined ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > all.length)
    throw new KmsApiError('InvalidMarkerException', `Invalid marker ${marker}`);
  const page = all.slice(start, start + limit);
  const truncated = start + limit < all.length;
  return {
    Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: arnOf(key) })),
    Truncated: truncated,
    ...(truncated ? { NextMarker: String(start + limit) } : {}),
  };
};
