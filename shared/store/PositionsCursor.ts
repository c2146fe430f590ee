/** A range the indexer committed: kept for the last few commits to find a fork point after a reorg. */
export interface CommittedRange {
  /** Last block of the range and its hash at commit time. */
  readonly block: number;
  readonly hash: string;
  /** Accounts whose position an event in the range changed. */
  readonly accounts: readonly string[];
  /** Events applied from the range. */
  readonly events: number;
}

export interface PositionsCursor {
  /** Last block fully applied, and its hash when it was applied. */
  readonly block: number;
  readonly hash: string;
  /** Every market event applied so far on the current chain (orphaned ones subtracted). */
  readonly eventsApplied: number;
  /** The most recent committed ranges, oldest first, the last one ending at `block`. */
  readonly recent: readonly CommittedRange[];
}
