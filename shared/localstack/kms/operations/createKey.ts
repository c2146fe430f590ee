import { KmsApiError } from '../../errors.js';
import { KEY_SPEC, KEY_USAGE, type KmsOperation, type LocalKey } from '../KmsState.js';
import { encodeSecp256k1Spki } from '../encodeSecp256k1Spki.js';
import { keyMetadata } from '../keyMetadata.js';
import { newPrivateKey } from '../newPrivateKey.js';
import { kmsValidationError } from '../request/kmsValidationError.js';
import { optionalString } from '../request/optionalString.js';
import { uuidFromBytes } from '../uuidFromBytes.js';
import { SigningKey } from 'ethers';

/** `TrentService.CreateKey` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const createKey: KmsOperation = (state, body, { region }) => {
  const keySpec =
    optionalString(body, 'KeySpec') ?? optionalString(body, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  if (keySpec !== KEY_SPEC) {
    throw new KmsApiError(
      'UnsupportedOperationException',
      `KeySpec ${keySpec} is not supported by the local KMS endpoint; it only creates ${KEY_SPEC} keys`,
    );
  }
  const keyUsage = optionalString(body, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
  if (keyUsage !== KEY_USAGE) {
    throw kmsValidationError(
      `KeyUsage ${keyUsage} is not compatible with KeySpec ${KEY_SPEC}; use ${KEY_USAGE}`,
    );
  }
  const origin = optionalString(body, 'Origin') ?? 'AWS_KMS';
  if (origin !== 'AWS_KMS') {
    throw new KmsApiError(
      'UnsupportedOperationException',
      `Origin ${origin} is not supported by the local KMS endpoint`,
    );
  }
  const signingKey = new SigningKey(newPrivateKey(state));
  const key: LocalKey = {
    keyId: uuidFromBytes(state.nextBytes('key-id')),
    signingKey,
    spki: encodeSecp256k1Spki(Uint8Array.from(Buffer.from(signingKey.publicKey.slice(2), 'hex'))),
    creationDate: Math.floor(Date.now() / 1000),
    description: optionalString(body, 'Description') ?? '',
    region,
    state: 'Enabled',
    deletionDate: undefined,
    pendingWindowInDays: undefined,
  };
  state.keys.set(key.keyId, key);
  return { KeyMetadata: keyMetadata(key) };
};
