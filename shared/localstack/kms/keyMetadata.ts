import { arnOf } from './arnOf.js';
import { KEY_SPEC, KEY_USAGE, LOCAL_KMS_ACCOUNT, SIGNING_ALGORITHM, type LocalKey } from './KmsState.js';

/** DescribeKey's KeyMetadata for a key. */
export function keyMetadata(key: LocalKey): Record<string, unknown> {
  return {
    AWSAccountId: LOCAL_KMS_ACCOUNT,
    KeyId: key.keyId,
    Arn: arnOf(key),
    CreationDate: key.creationDate,
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: KEY_USAGE,
    KeyState: key.state,
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: KEY_SPEC,
    KeySpec: KEY_SPEC,
    SigningAlgorithms: [SIGNING_ALGORITHM],
    MultiRegion: false,
    ...(key.deletionDate === undefined ? {} : { DeletionDate: key.deletionDate }),
    ...(key.pendingWindowInDays === undefined
      ? {}
      : { PendingDeletionWindowInDays: key.pendingWindowInDays }),
  };
}
