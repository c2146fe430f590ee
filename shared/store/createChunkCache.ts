import type { ChunkCache } from './assembleCheckpointState.js';

/**
 * Bytes of checkpoint chunks a process keeps between cycles: about 1.75 MB per asset after five
 * years of hourly history, so the default holds some 70 assets' five-year histories.
 * @default 128 MiB
 */
export const DEFAULT_CHUNK_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * A ChunkCache that keeps at most `maxBytes` of chunks, dropping the least recently used column
 * first. Sealed chunks never change (each read is still checked against the digest its link names,
 * assembleCheckpointState), so a warm process reads only the chunks sealed since its last cycle.
 */
export function createChunkCache(maxBytes: number = DEFAULT_CHUNK_CACHE_BYTES): ChunkCache {
  const columns = new Map<string, Float64Array[]>();
  let bytes = 0;
  const sizeOf = (chunks: readonly Float64Array[]): number =>
    chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  return {
    get(key) {
      const chunks = columns.get(key);
      if (chunks === undefined) return undefined;
      columns.delete(key); // most recently used last
      columns.set(key, chunks);
      return chunks;
    },
    set(key, chunks) {
      const old = columns.get(key);
      if (old !== undefined) bytes -= sizeOf(old);
      columns.delete(key);
      columns.set(key, chunks);
      bytes += sizeOf(chunks);
      for (const [oldest, held] of columns) {
        if (bytes <= maxBytes || oldest === key) break;
        columns.delete(oldest);
        bytes -= sizeOf(held);
      }
    },
  };
}
