import type { AbstractSigner } from 'ethers';
import type { PipelineContext } from '../PipelineContext.js';
import type { FeePolicy } from '../../chain/fees/FeePolicy.js';
import type { FailoverRpc } from '../../chain/rpc/FailoverRpc.js';

/** Timing of the publisher's wait for a transaction. */
export interface PublisherTiming {
  /** How long a sent transaction may stay pending before it is replaced with higher fees. @default 30000 */
  readonly replaceAfterMs: number;
  /** Replacements of one transaction before the publisher gives up for this invocation. @default 3 */
  readonly maxReplacements: number;
  /** Receipt polling interval. @default 500 */
  readonly pollMs: number;
  /** Blocks on top of the receipt's block before a round counts as final (reorg safety). @default 1 */
  readonly confirmations: number;
  /**
   * Lease lifetime without renewal. The publisher renews it every third of this while it works,
   * so a dead publisher blocks the next one for at most this long. @default 30000
   */
  readonly leaseTtlMs: number;
}

export const DEFAULT_PUBLISHER_TIMING: PublisherTiming = {
  replaceAfterMs: 30_000,
  maxReplacements: 3,
  pollMs: 500,
  confirmations: 1,
  leaseTtlMs: 30_000,
};

/** Test seams: a crash can be simulated at the moment that matters. */
export interface PublisherHooks {
  /** Called right after a raw transaction was broadcast, before anything else is recorded. */
  readonly afterBroadcast?: (txHash: string) => Promise<void> | void;
  /** Called right after a fee-bumped replacement was recorded and broadcast (`replacement` counts from 1). */
  readonly afterReplacement?: (txHash: string, replacement: number) => Promise<void> | void;
  /** Called before a round's outcome is written. */
  readonly beforeOutcome?: (round: string, status: 'mined' | 'reverted' | 'dropped') => Promise<void> | void;
  /** Called inside outcome recording: after the ledger/publication/records transaction, before the asset heads. */
  readonly afterOutcomeRecorded?: (
    round: string,
    status: 'mined' | 'reverted' | 'dropped',
  ) => Promise<void> | void;
}

/** The chain a publisher lane writes to (docs/multi-chain.md). */
export interface PublisherLane {
  /** The chain's name in the stage config (`--chain`, alarms, logs). */
  readonly name: string;
  /** Assets published on this chain. @default every asset of the cycle */
  readonly assets?: readonly string[];
  /** Pairs (`C/D`) published on this chain. @default every pair whose legs this chain publishes */
  readonly pairs?: readonly string[];
}

/** Everything the publisher needs, on top of the pipeline's context. */
export interface PublisherContext extends PipelineContext {
  readonly rpc: FailoverRpc;
  /** Signs the batch (EIP-712) and, by default, the transaction: a KmsSigner in production. */
  readonly signer: AbstractSigner;
  readonly oracleAddress: string;
  readonly feePolicy: FeePolicy;
  readonly timing: PublisherTiming;
  /** Identifies this invocation as the lease owner (a Lambda request id, or a random id). */
  readonly invocationId: string;
  /** The lane's chain name and asset selection; absent: a single unnamed chain publishing every asset. */
  readonly lane?: PublisherLane;
  readonly hooks?: PublisherHooks;
}
