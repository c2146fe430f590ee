import type { Candle } from '../core/types.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import type { CheckpointLayout } from './checkpointLayout.js';

/** One link of an asset's checkpoint chain (docs/methodology.md §8.4, table `checkpoints`). */
export interface StoredCheckpoint {
  readonly asset: string;
  /** Open time of the last candle in the state, ms UTC: the item's sort key. */
  readonly hourTs: number;
  /** hashCanonical(state, 'rfc8785-sha256'). */
  readonly hash: string;
  /** The hash of the checkpoint this one was stepped from; null for a chain's first (stepped from the first candle). */
  readonly predecessorHash: string | null;
  /**
   * The candles that moved the predecessor (or the empty state) to this one, oldest first: the
   * stored reference candles opening in `[candlesFromTs, hourTs]` (table `candles`), `candleCount`
   * of them. Links written before the candle table held them inline (`candlesGz`); readers that
   * replay links fill them in (listCheckpoints), others leave them out.
   */
  readonly candles?: readonly Candle[];
  readonly candlesFromTs: number;
  readonly candleCount: number;
  /** Model version and configuration hash the link was computed under. */
  readonly modelVersion: string;
  readonly configHash: string;
  /** The whole state (chunked columns put back). */
  readonly state: EngineState;
  /** How the item stores the state's growing columns (checkpointLayout.ts); absent: stored whole (older items). */
  readonly layout?: CheckpointLayout;
  /** Stored sizes, bytes: the state as JSON, and the whole item's compressed attributes. */
  readonly stateBytes: number;
  readonly storedBytes: number;
}
