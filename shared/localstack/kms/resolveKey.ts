import { KmsApiError } from '../errors.js';
import type { KmsState, LocalKey } from './KmsState.js';

/** The key a KeyId names: key id, key ARN, alias name or alias ARN. */
export function resolveKey(state: KmsState, keyIdInput: string): LocalKey {
  let id = keyIdInput;
  const arn = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/(.+)$/.exec(id);
  if (arn !== null) id = arn[1] === 'alias' ? `alias/${arn[2] ?? ''}` : (arn[2] ?? '');
  if (id.startsWith('alias/')) {
    const alias = state.aliases.get(id);
    if (alias === undefined) throw new KmsApiError('NotFoundException', `Alias ${keyIdInput} is not found.`);
    id = alias.keyId;
  }
  const key = state.keys.get(id);
  if (key === undefined) {
    throw new KmsApiError('NotFoundException', `Key '${keyIdInput}' does not exist`);
  }
  return key;
}
