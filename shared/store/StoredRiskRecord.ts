import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskRecord } from '../risk/types.js';
import type { ChainMark } from './chainMarks.js';
import type { RecordProvenance } from './RecordProvenance.js';

/** How a record is keyed: one per asset and cycle (the snapshot's collection time). */
export interface RecordKey {
  readonly asset: string;
  readonly ts: number;
}

export interface StoredRiskRecord extends RecordKey {
  readonly record: RiskRecord;
  readonly recordHash: string;
  /** The resolved asset config the record was computed with (absent on records written before it was kept). */
  readonly config?: AssetConfig;
  /** The checkpoint and candle range the record was computed from (absent: its snapshot's inputs, whole). */
  readonly provenance?: RecordProvenance;
  /** Set once the record's parameters were published on-chain: the first round, on any chain. */
  readonly round?: string;
  readonly txHash?: string;
  /** The chain of `round` (absent on records published before chain marks existed). */
  readonly roundChainId?: number;
  /**
   * Per chain id (decimal string): the round, transaction and block that carried this record there,
   * or why that chain refused it (shared/store/chainMarks.ts). Read with roundOnChain and
   * publishErrorOnChain, which also read the records written before chain marks.
   */
  readonly chains?: Readonly<Record<string, ChainMark>>;
  /** Why the record did not reach the chain, written by single-chain publishers before per-chain marks. */
  readonly publishError?: string;
}
