import { MAX_LOCAL_CHAINS } from '../../localstack/startLocalStack.js';
import { parseInteger } from './parseInteger.js';

/** `--chains N`: how many local chains (anvils) the stack runs, 1 to MAX_LOCAL_CHAINS; undefined when not given. */
export function parseChainCount(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseInteger('--chains', value, { min: 1, max: MAX_LOCAL_CHAINS });
}
