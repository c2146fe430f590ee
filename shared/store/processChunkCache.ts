import type { ChunkCache } from './assembleCheckpointState.js';
import { createChunkCache } from './createChunkCache.js';

/** The chunk cache of this process: compute cycles of a warm Lambda share it (getLatestCheckpoint). */
export const processChunkCache: ChunkCache = createChunkCache();
