import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskRecord } from '../risk/types.js';

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
  /** Set once the record's parameters were published on-chain: the first round, on any chain. */
  readonly round?: string;
  readonly txHash?: string;
  /** The chain of `round` (absent on records published before chain marks existed). */
  readonly roundChainId?: number;
  /** Per chain id (decimal string): the round that carried this record there (shared/store/chainMarks.ts). */
  readonly chains?: Readonly<Record<string, { readonly round: string; readonly txHash?: string }>>;
}
