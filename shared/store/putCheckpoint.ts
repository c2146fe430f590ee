import { gzipSync } from 'node:zlib';
import type { DynamoClients } from './createDynamoClients.js';
import { CheckpointTooLargeError } from './errors.js';
import { putOnce } from './putOnce.js';
import type { StoredCheckpoint } from './StoredCheckpoint.js';
import { TABLES, type TableNames } from './tables.js';

/** DynamoDB's item limit is 400 KB; the rest of the item stays well under this margin. */
const MAX_COMPRESSED_BYTES = 390 * 1024;

/**
 * Stores one checkpoint once (the state as gzip JSON; the link's candles by hour range). A retry with the same hash
 * writes nothing; another state under the same asset-hour is refused (ConflictingWriteError).
 * @throws CheckpointTooLargeError when the compressed state would not fit in one DynamoDB item.
 */
export async function putCheckpoint(
  { doc }: DynamoClients,
  tables: TableNames,
  checkpoint: Omit<StoredCheckpoint, 'stateBytes' | 'storedBytes' | 'candles'>,
): Promise<{ written: boolean; stateBytes: number; storedBytes: number }> {
  const stateJson = JSON.stringify(checkpoint.state);
  const stateGz = gzipSync(stateJson);
  const storedBytes = stateGz.length;
  if (storedBytes > MAX_COMPRESSED_BYTES)
    throw new CheckpointTooLargeError(
      `checkpoint ${checkpoint.asset} ${new Date(checkpoint.hourTs).toISOString()} is ${storedBytes} bytes compressed; a DynamoDB item holds at most ${MAX_COMPRESSED_BYTES}`,
      {
        fix: 'the engine state grows with the history (docs/methodology.md §8.4): split the state over several items or move it to S3',
      },
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
      stateBytes: stateJson.length,
      storedBytes,
    },
  });
  return { written, stateBytes: stateJson.length, storedBytes };
}
