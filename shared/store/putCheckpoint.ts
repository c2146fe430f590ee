import { gzipSync } from 'node:zlib';
import type { DynamoClients } from './createDynamoClients.js';
import { CheckpointTooLargeError } from './errors.js';
import { putOnce } from './putOnce.js';
import { splitCheckpointState } from './splitCheckpointState.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import { TABLES, type TableNames } from './tables.js';

/** DynamoDB's item limit is 400 KB; the rest of the item stays well under this margin. */
const MAX_COMPRESSED_BYTES = 390 * 1024;

export interface PutCheckpointResult {
  readonly written: boolean;
  /** The whole state as JSON, bytes. */
  readonly stateBytes: number;
  /** The checkpoint item's stored state and layout, bytes (gzip state + layout JSON). */
  readonly storedBytes: number;
  /** Chunks this link sealed, and their bytes. */
  readonly chunks: number;
  readonly chunkBytes: number;
}

/**
 * Stores one checkpoint once, in the chunked layout (checkpointLayout.ts, docs/data-model.md): the
 * chunks it seals first (each written once, keyed by family, column and index), then the item with
 * the state's bounded part and the columns' tails (gzip JSON), the layout, and the link's candles
 * by hour range. A retry with the same hash writes nothing; another state under the same asset-hour
 * is refused (ConflictingWriteError). `predecessor` (its whole state and stored layout) lets the
 * columns continue its chunks; without it a new chunk family starts.
 * @throws CheckpointTooLargeError when the item would not fit in one DynamoDB item.
 */
export async function putCheckpoint(
  dynamo: DynamoClients,
  tables: TableNames,
  checkpoint: Omit<StoredCheckpoint, 'stateBytes' | 'storedBytes' | 'candles' | 'layout'>,
  predecessor?: Pick<StoredCheckpoint, 'state' | 'layout'>,
): Promise<PutCheckpointResult> {
  const { doc } = dynamo;
  const stateJson = JSON.stringify(checkpoint.state);
  const split = splitCheckpointState(checkpoint.asset, checkpoint.state, predecessor, checkpoint.hash);
  const stateGz = gzipSync(JSON.stringify(split.inline));
  const layoutJson = JSON.stringify(split.layout);
  const storedBytes = stateGz.length + layoutJson.length;
  if (storedBytes > MAX_COMPRESSED_BYTES)
    throw new CheckpointTooLargeError(
      `checkpoint ${checkpoint.asset} ${new Date(checkpoint.hourTs).toISOString()} is ${storedBytes} bytes compressed; a DynamoDB item holds at most ${MAX_COMPRESSED_BYTES}`,
      {
        fix: 'the bounded part of the engine state outgrew an item (docs/methodology.md §8.4): chunk it as well',
      },
    );
  let chunkBytes = 0;
  await Promise.all(
    split.chunks.map(async (chunk) => {
      const values = Buffer.from(chunk.values.buffer, chunk.values.byteOffset, chunk.values.byteLength);
      chunkBytes += values.length;
      await putOnce({
        doc,
        tableName: tables.checkpoints,
        keyNames: [TABLES.checkpoints.partitionKey.name, TABLES.checkpoints.sortKey.name],
        identityAttribute: 'sha256',
        // A chunk item: partition `<family>#<column>`, sort key its index (never an hour: the
        // partition is not an asset, so queries of an asset's links never see it).
        item: {
          asset: `${split.layout.family}#${chunk.column}`,
          hourTs: chunk.index,
          values,
          sha256: chunk.sha256,
        },
      });
    }),
  );
  const { written } = await putOnce({
    doc,
    tableName: tables.checkpoints,
    keyNames: [TABLES.checkpoints.partitionKey.name, TABLES.checkpoints.sortKey.name],
    identityAttribute: 'hash',
    item: {
      asset: checkpoint.asset,
      hourTs: checkpoint.hourTs,
      hash: checkpoint.hash,
      predecessorHash: checkpoint.predecessorHash,
      modelVersion: checkpoint.modelVersion,
      configHash: checkpoint.configHash,
      count: checkpoint.state.count,
      // The link's candles by range (each reference candle is stored once, in table `candles`).
      candlesFromTs: checkpoint.candlesFromTs,
      candleCount: checkpoint.candleCount,
      stateGz,
      layout: layoutJson,
      stateBytes: stateJson.length,
      storedBytes,
    },
  });
  return { written, stateBytes: stateJson.length, storedBytes, chunks: split.chunks.length, chunkBytes };
}
