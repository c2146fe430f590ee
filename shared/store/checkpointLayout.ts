/**
 * How a checkpoint item stores the growing columns of an engine state (docs/methodology.md §8.4,
 * docs/data-model.md): each column is a log of values cut into sealed chunks of
 * `CHECKPOINT_CHUNK_VALUES` values, stored once as their own items and referenced by count and
 * digest, plus an unsealed tail kept in the checkpoint item. So a checkpoint item stays a few KB
 * whatever the history, and each value is stored about once.
 *
 * `append` columns (open times, closes, model variances) are the concatenation of their chunks and
 * tail. `multiset` columns (each FHS sample's z values, stored ascending in the state) are the
 * ascending sort of their chunks and tail; a link adds the values its state holds beyond its
 * predecessor's (a multiset difference of two sorted arrays).
 */
export const CHECKPOINT_LAYOUT = 'chunked/1';

/** Values per sealed chunk (8 bytes each: 2 KB raw). */
export const CHECKPOINT_CHUNK_VALUES = 256;

export interface ColumnLayout {
  readonly kind: 'append' | 'multiset';
  /** Sealed chunks, values in them, and sha256 over their digests in order (hex). */
  readonly chunks: number;
  readonly sealedValues: number;
  readonly digest: string;
  /** The unsealed values, base64 float64 (oldest first for append, ascending for multiset). */
  readonly tail: string;
}

/** Layout of a checkpoint item: its chunk family and each chunked column by name (`ts`, `close`, `varModel`, `z<H>`). */
export interface CheckpointLayout {
  readonly layout: typeof CHECKPOINT_LAYOUT;
  /** Partition of the chunk items in table `checkpoints`: `<asset>#chunks#<chain start hash, 16 hex>`. */
  readonly family: string;
  readonly columns: Readonly<Record<string, ColumnLayout>>;
}

/** A chunk to store: partition `family#column`, sort key its index. */
export interface PendingChunk {
  readonly column: string;
  readonly index: number;
  readonly values: Float64Array;
  readonly sha256: string;
}
