/**
 * Per-chain marks on a risk record (docs/multi-chain.md): the same record is published to every
 * target chain, each in its own round, so the round and transaction hash are kept per chain id in
 * flat attributes `round@<chainId>`, `txHash@<chainId>` and `publishError@<chainId>`. The plain
 * `round`/`txHash` keep the first publication of the record on any chain (`roundChainId` names that
 * chain); a `round` without `roundChainId` was written before chain marks existed, by a
 * single-chain publisher, and counts for every chain.
 */
export function chainMarkNames(chainId: bigint | number): {
  readonly round: string;
  readonly txHash: string;
  readonly publishError: string;
} {
  return {
    round: `round@${chainId}`,
    txHash: `txHash@${chainId}`,
    publishError: `publishError@${chainId}`,
  };
}
