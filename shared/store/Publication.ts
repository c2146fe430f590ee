import type { ChainStepLimits, SteppedParamsBps } from '../risk/control/stepFromChain.js';
import type { RoundImpact } from '../risk/health/RoundImpact.js';
import type { TransactionOutcome } from './TransactionOutcome.js';

export type PublicationStatus = 'pending' | 'mined' | 'reverted' | 'dropped';

/** One asset's entry in a published batch, and the record it came from. */
export interface PublishedAsset {
  readonly asset: string;
  /** Key of the risk record (`parameters` table) whose candidate was published. */
  readonly recordTs: number;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  /**
   * Set when this chain lagged and the values were stepped from what it held towards the record's
   * `published` values within its own guardrails (shared/risk/control/stepFromChain.ts), instead
   * of being the record's candidate: what the chain held before the round (null: nothing) and the
   * limits read from its contract. `verify` recomputes the step from them and checks both on-chain.
   */
  readonly catchUp?: {
    readonly from: SteppedParamsBps | null;
    readonly limits: ChainStepLimits;
  };
}

/** One oracle round: the signed batch and what became of it. The audit bundle starts here. */
export interface Publication extends TransactionOutcome {
  /** `${chainId}#${oracleAddress}` (lower-case): one round sequence per contract. */
  readonly oracle: string;
  /** Round number (decimal string, uint64). */
  readonly round: string;
  readonly chainId: number;
  readonly oracleAddress: string;
  /** Unix seconds the batch was observed at (what the contract checks for staleness). */
  readonly observedAt: number;
  readonly assets: readonly PublishedAsset[];
  /** EIP-712 digest of the batch, and the signatures over it (65-byte hex, low-s). */
  readonly batchDigest: string;
  readonly signatures: readonly string[];
  readonly signer: string;
  /** Sender of the transaction (a relayer; the same key by default). */
  readonly sender: string;
  readonly nonce: number;
  readonly status: PublicationStatus;
  /** What the round does to known positions, computed before it was signed (docs/positions.md). */
  readonly impact?: RoundImpact;
  readonly createdAt: number;
  readonly updatedAt: number;
}
