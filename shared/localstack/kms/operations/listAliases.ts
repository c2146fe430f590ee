import { LOCAL_KMS_ACCOUNT, type KmsOperation } from '../KmsState.js';
import { optionalString } from '../request/optionalString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.ListAliases` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const listAliases: KmsOperation = (state, body) => {
  const keyId = optionalString(body, 'KeyId');
  const filter = keyId === undefined ? undefined : resolveKey(state, keyId).keyId;
  return {
    Aliases: [...state.aliases.entries()]
      .filter(([, alias]) => filter === undefined || alias.keyId === filter)
      .map(([name, alias]) => {
        const key = state.keys.get(alias.keyId);
        return {
          AliasName: name,
          AliasArn: `arn:aws:kms:${key?.region ?? 'us-east-1'}:${LOCAL_KMS_ACCOUNT}:${name}`,
          TargetKeyId: alias.keyId,
          CreationDate: alias.creationDate,
        };
      }),
    Truncated: false,
  };
};
