import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskInputs, PublishedState, RiskRecord } from '../risk/types.js';
import type { Publication } from '../store/Publication.js';
import type { RecordProvenance } from '../store/RecordProvenance.js';
import type { EngineState } from '../risk/engine/EngineState.js';

/** Format tag of an audit bundle; bump on any incompatible change. */
export const AUDIT_BUNDLE_FORMAT = 'ballast-audit-bundle/1';

/** One asset of a round: everything needed to recompute its record offline. */
export interface AuditBundleAsset {
  readonly asset: string;
  /** Key (`ts`) of the risk record whose candidate was published. */
  readonly recordTs: number;
  /** The record as stored, and the hash stored beside it (sha256 of its canonical JSON). */
  readonly record: RiskRecord;
  readonly recordHash: string;
  /**
   * The engine's exact inputs: the cycle's snapshot (book, quality) with the stored reference
   * candles the record's provenance names; and the hash stored with the snapshot.
   */
  readonly inputs: RiskInputs;
  readonly snapshotInputsHash: string;
  /**
   * The state the engine started from: the `nextState` of the earlier record whose canonical hash
   * is `record.previousHash`; null for an asset's first record.
   */
  readonly previous: { readonly recordTs: number; readonly state: PublishedState } | null;
  /** The resolved asset config whose canonical hash is `record.configHash`; null when it could not be found. */
  readonly config: AssetConfig | null;
  /**
   * Where the record's candles came from (docs/methodology.md §8.4): the checkpoint it continued
   * and the candle hours since, or a full rebuild and why. Absent for records computed from their
   * snapshot's whole candle history (before checkpoints fed the compute stage).
   */
  readonly provenance?: RecordProvenance;
  /**
   * The engine state the record was computed from, whose canonical hash is `record.checkpointHash`
   * (`inputs.candles` are then the candles after it only); absent when the record names none.
   */
  readonly checkpoint?: { readonly hourTs: number; readonly hash: string; readonly state: EngineState };
}

/** A round's audit bundle: served by `GET /v1/rounds/{round}`, written by `ballast export-bundle`, checked by `ballast verify`. */
export interface AuditBundle {
  readonly format: typeof AUDIT_BUNDLE_FORMAT;
  /** ISO-8601 time the bundle was assembled. */
  readonly generatedAt: string;
  readonly oracle: { readonly chainId: number; readonly address: string };
  /** The signed batch, its signatures, signer and transaction, as the publisher stored them. */
  readonly publication: Publication;
  readonly assets: readonly AuditBundleAsset[];
}
