import type { PublishedState } from '../risk/types.js';

/** Per-asset head: where the next cycle starts from, and the facts /v1/health reports. */
export interface AssetHead {
  readonly asset: string;
  /** The engine's carried state (what is on-chain, rate-limit and APC memory). */
  readonly state: PublishedState;
  /** `ts` of the record that last moved the head; heads only move forward. */
  readonly recordTs: number;
  /** Last cycle seen for this asset, ms, and whether it was degraded. */
  readonly lastCycleTs: number;
  readonly degraded: boolean;
  /** Last on-chain publication of this asset. */
  readonly lastRound?: string;
  readonly lastTxHash?: string;
  readonly lastPublishedAt?: number;
  /** Observation time the contract holds for this asset (the batch's `observedAt`), ms. */
  readonly lastObservedAt?: number;
}
