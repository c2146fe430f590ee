import { KmsApiError } from '../../errors.js';
import { type KmsOperation } from '../KmsState.js';
import { requiredString } from '../request/requiredString.js';
import { resolveKey } from '../resolveKey.js';

/** `TrentService.CreateAlias` of the local KMS endpoint, as AWS KMS answers it for secp256k1 signing keys. */
export const createAlias: KmsOperation = (state, body) => {
  const aliasName = requiredString(body, 'AliasName');
  if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(aliasName) || aliasName.startsWith('alias/aws/')) {
    throw new KmsApiError(
      'InvalidAliasNameException',
      `Alias ${aliasName} must be "alias/" followed by letters, digits, "/", "_" or "-", and not start with alias/aws/`,
    );
  }
  if (state.aliases.has(aliasName))
    throw new KmsApiError('AlreadyExistsException', `An alias with the name ${aliasName} already exists`);
  const key = resolveKey(state, requiredString(body, 'TargetKeyId'));
  state.aliases.set(aliasName, { keyId: key.keyId, creationDate: Math.floor(Date.now() / 1000) });
  return {};
};
