import { LOCAL_KMS_ACCOUNT, type LocalKey } from './KmsState.js';

/** The key's ARN. */
export function arnOf(key: LocalKey): string {
  return `arn:aws:kms:${key.region}:${LOCAL_KMS_ACCOUNT}:key/${key.keyId}`;
}
