/**
 * Where a record's candles came from (docs/methodology.md §8.4), stored beside it so `verify`
 * can rebuild its exact inputs: the snapshot's book and quality, plus the stored reference candles
 * opening in `[candlesFromTs, candlesToTs]` (table `candles`), stepped from the checkpoint of
 * `checkpointHourTs` (`record.checkpointHash` is its hash) or, for a full rebuild, from the first
 * candle. Absent on records computed before checkpoints fed the compute stage: their inputs are
 * their snapshot's, whole.
 */
export type RecordProvenance =
  | {
      readonly basis: 'checkpoint';
      /** Open time of the checkpoint's last candle (the `checkpoints` item's sort key). */
      readonly checkpointHourTs: number;
      /** The new candles; none (null) when no candle closed since the checkpoint. */
      readonly candlesFromTs: number | null;
      readonly candlesToTs: number | null;
    }
  | {
      readonly basis: 'fullRebuild';
      /** Why there was no checkpoint to continue from. */
      readonly reason: FullRebuildReason;
      readonly detail: string;
      readonly candlesFromTs: number | null;
      readonly candlesToTs: number | null;
    };

/**
 * `noCheckpoint`: the asset has none yet; `newChain`: the newest one was computed under another
 * configuration or model version; `chainBroken`: the newest one fails its hash, cannot be restored,
 * or does not continue into the new candles.
 */
export type FullRebuildReason = 'noCheckpoint' | 'newChain' | 'chainBroken';
