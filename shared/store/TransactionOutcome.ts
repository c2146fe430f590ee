/** What became of a transaction, once known: shared by ledger entries and publications. */
export interface TransactionOutcome {
  /** Hash of the transaction (the mined one once known). */
  readonly txHash?: string;
  readonly blockNumber?: number;
  /** Decimal strings: wei and gas can exceed 2^53. */
  readonly gasUsed?: string;
  readonly effectiveGasPrice?: string;
  /** Decoded revert reason, or why the transaction was dropped. */
  readonly error?: string;
}
