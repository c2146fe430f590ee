import { createHash } from 'node:crypto';
import { MAX_RAW_MESSAGE_BYTES, SIGNING_ALGORITHM } from './KmsState.js';
import { base64Blob } from './request/base64Blob.js';
import { kmsValidationError } from './request/kmsValidationError.js';
import { optionalString } from './request/optionalString.js';

/** The 32-byte value ECDSA signs: the digest as given (DIGEST) or SHA-256 of the message (RAW). */
export function digestOf(body: Record<string, unknown>): Uint8Array {
  const message = base64Blob(body, 'Message');
  const messageType = optionalString(body, 'MessageType') ?? 'RAW';
  if (messageType === 'DIGEST') {
    if (message.length !== 32) {
      throw kmsValidationError(
        `Digest is invalid length for algorithm ${SIGNING_ALGORITHM}: ${message.length} bytes, expected 32`,
      );
    }
    return message;
  }
  if (messageType !== 'RAW') {
    throw kmsValidationError(
      `Value '${messageType}' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]`,
    );
  }
  if (message.length === 0 || message.length > MAX_RAW_MESSAGE_BYTES) {
    throw kmsValidationError(`Message must be 1 to ${MAX_RAW_MESSAGE_BYTES} bytes, got ${message.length}`);
  }
  return Uint8Array.from(createHash('sha256').update(message).digest());
}
