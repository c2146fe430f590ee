import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';
import type { PositionKeyHashes } from './positionKeyHashes.js';

/**
 * The protocol a `PUT /v1/positions` request speaks for, from its `authorization: Bearer <key>`
 * header: the key's SHA-256 is compared, in constant time, with every protocol's stored hash.
 * 401 without a header, with another scheme, or with a key no protocol holds. The key never
 * appears in an error, a log line or a response.
 */
export function authenticateProtocol(authorization: string | undefined, keys: PositionKeyHashes): string {
  const unauthorized = (why: string): ApiError =>
    new ApiError(401, 'unauthorized', `authorization: ${why}`, {
      field: 'authorization',
      fix: "send the protocol's API key as `authorization: Bearer <key>`",
    });
  if (authorization === undefined || authorization.length === 0) throw unauthorized('missing');
  const match = /^Bearer ([\x21-\x7e]{16,512})$/.exec(authorization);
  if (match === null) throw unauthorized('not a Bearer key of 16–512 printable characters');
  const presented = createHash('sha256')
    .update(match[1] as string, 'utf8')
    .digest();
  let protocol: string | undefined;
  for (const [name, hash] of Object.entries(keys)) {
    // Every entry is compared (no early exit), so timing says nothing about which one matched.
    if (timingSafeEqual(presented, Buffer.from(hash, 'hex')) && protocol === undefined) protocol = name;
  }
  if (protocol === undefined) throw unauthorized('the key is not valid');
  return protocol;
}
