import type { ApiContext, ReadChain } from './ApiContext.js';

/** The stage's target chains (docs/multi-chain.md): `chains`, else the one chain of `oracle`, else none. */
export function readChainsOf(context: Pick<ApiContext, 'chains' | 'oracle'>): readonly ReadChain[] {
  if (context.chains !== undefined && context.chains.length > 0) return context.chains;
  const { oracle } = context;
  return oracle === undefined ? [] : [{ name: `chain-${oracle.chainId}`, ...oracle }];
}
