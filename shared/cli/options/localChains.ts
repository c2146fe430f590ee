import type { StackState } from '../../localstack/stackState.js';
import type { SelectedLocalChain } from './selectLocalChain.js';

/** Every chain of the running local stack, the first being the stack's anvil (docs/multi-chain.md). */
export function localChains(state: StackState): readonly SelectedLocalChain[] {
  return (
    state.chains ?? [
      {
        name: `local-${state.anvil.chainId}`,
        chainId: state.anvil.chainId,
        rpcUrl: state.anvil.rpcUrl,
        oracleAddress: state.oracle.address,
      },
    ]
  );
}
