import { InputError } from '../../errors/BallastError.js';
import type { StackState } from '../../localstack/stackState.js';
import { localChains } from './localChains.js';

/** One chain of the running local stack: its RPC URL, chain id and RiskOracle. */
export interface SelectedLocalChain {
  readonly name: string;
  readonly chainId: number;
  readonly rpcUrl: string;
  readonly oracleAddress: string;
}

/**
 * The local stack's chain named by `--chain` (a chain id like 31338, or a name like local-31338);
 * the stack's first chain when `value` is undefined (docs/multi-chain.md).
 * @throws InputError naming the value and the stack's chains.
 */
export function selectLocalChain(
  state: StackState,
  flag: string,
  value: string | undefined,
): SelectedLocalChain {
  const chains = localChains(state);
  if (value === undefined) return chains[0] as SelectedLocalChain;
  const found = chains.find((c) => String(c.chainId) === value.trim() || c.name === value.trim());
  if (found === undefined)
    throw new InputError(
      `${flag}: "${value}" is not a chain of the local stack; expected one of ${chains.map((c) => `${c.chainId} (${c.name})`).join(', ')}`,
    );
  return found;
}
