import type { TransactionOutcome } from './TransactionOutcome.js';

export type LedgerStatus = 'signed' | 'broadcast' | 'mined' | 'reverted' | 'dropped';

/** One signed transaction (first send or a fee-bumped replacement) for a ledger entry's nonce. */
export interface LedgerAttempt {
  readonly txHash: string;
  /** The raw signed transaction, so a retry re-broadcasts the same bytes. */
  readonly raw: string;
  readonly maxFeePerGas: string;
  readonly maxPriorityFeePerGas: string;
  /** ms UTC */
  readonly signedAt: number;
}

/** One (chain, sender, nonce): the batch it carries and every transaction signed for it. */
export interface LedgerEntry extends TransactionOutcome {
  /** `${chainId}#${senderAddress}` */
  readonly sender: string;
  readonly nonce: number;
  /** The oracle round the batch carries; a nonce carries exactly one round. */
  readonly round: string;
  /** EIP-712 digest of the batch: its content, signed once. */
  readonly batchDigest: string;
  /** The batch and its signatures as JSON, to rebuild the same call for a replacement. */
  readonly batch: string;
  readonly signatures: readonly string[];
  readonly status: LedgerStatus;
  readonly attempts: readonly LedgerAttempt[];
  /**
   * Set once the entry's outcome is fully recorded: publication, records' marks and asset heads.
   * A final entry without it is repaired by the next publisher (repairBookkeeping).
   */
  readonly bookkept?: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}
