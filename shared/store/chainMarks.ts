/**
 * Per-chain marks on a risk record (docs/multi-chain.md): the same record is published to every
 * target chain, each in its own round, so what became of it is kept per chain id in flat
 * attributes `round@<chainId>`, `txHash@<chainId>`, `block@<chainId>` (set when the round is
 * mined there) and `publishError@<chainId>` (why that chain refused or reverted it; removed when a
 * round carrying it is mined there). The plain `round`/`txHash` keep the first publication of the
 * record on any chain (`roundChainId` names that chain); a `round` without `roundChainId`, and a
 * plain `publishError` on a record without any `publishError@` mark, were written before chain
 * marks existed by a single-chain publisher, and count for every chain.
 */
export function chainMarkNames(chainId: bigint | number): {
  readonly round: string;
  readonly txHash: string;
  readonly block: string;
  readonly publishError: string;
} {
  return {
    round: `round@${chainId}`,
    txHash: `txHash@${chainId}`,
    block: `block@${chainId}`,
    publishError: `publishError@${chainId}`,
  };
}

/** What one chain's marks say about a record (absent fields: not marked). */
export interface ChainMark {
  readonly round?: string;
  readonly txHash?: string;
  readonly blockNumber?: number;
  readonly publishError?: string;
}

/** The per-chain marks of a stored item, by chain id (decimal string); `{}` when it has none. */
export function chainMarksFromItem(item: Record<string, unknown>): Record<string, ChainMark> {
  const marks: Record<
    string,
    { round?: string; txHash?: string; blockNumber?: number; publishError?: string }
  > = {};
  for (const [name, value] of Object.entries(item)) {
    const match = /^(round|txHash|block|publishError)@(\d+)$/.exec(name);
    if (match === null || value === undefined || value === null) continue;
    const mark = (marks[match[2] as string] ??= {});
    if (match[1] === 'round') mark.round = String(value);
    else if (match[1] === 'txHash') mark.txHash = String(value);
    else if (match[1] === 'block') mark.blockNumber = Number(value);
    else mark.publishError = String(value);
  }
  return marks;
}
