import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeF64 } from '../risk/engine/decodeF64.js';
import { encodeF64 } from '../risk/engine/encodeF64.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import type { CheckpointLayout, ColumnLayout } from './checkpointLayout.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { TableNames } from './tables.js';

/**
 * Chunks already read, by table and `family#column`: they never change, so readers of many links
 * (verify --deep) and the cycles of a warm process (processChunkCache) share them. A Map will do.
 */
export interface ChunkCache {
  get(key: string): Float64Array[] | undefined;
  set(key: string, chunks: Float64Array[]): unknown;
}

/**
 * The whole engine state of a checkpoint item stored in the chunked layout (checkpointLayout.ts):
 * its inline part with each chunked column put back from its sealed chunks (their count and digest
 * checked) and its tail. The caller checks the state's hash against the link.
 * @throws StoredItemError when a chunk is missing or does not match the digest the item names.
 */
export async function assembleCheckpointState(
  dynamo: DynamoClients,
  tables: TableNames,
  inline: EngineState,
  layout: CheckpointLayout,
  cache: ChunkCache = new Map(),
): Promise<EngineState> {
  const full: Record<string, string> = {};
  await Promise.all(
    Object.entries(layout.columns).map(async ([name, column]) => {
      full[name] = encodeF64(await columnValues(dynamo, tables, `${layout.family}#${name}`, column, cache));
    }),
  );
  const take = (name: string): string => {
    const value = full[name];
    if (value === undefined) throw new StoredItemError(`checkpoint layout has no column ${name}`);
    return value;
  };
  return {
    ...inline,
    ts: take('ts'),
    close: take('close'),
    varModel: take('varModel'),
    fhs: inline.fhs.map((sample) => ({ ...sample, z: take(`z${sample.horizonHours}`) })),
  };
}

async function columnValues(
  dynamo: DynamoClients,
  tables: TableNames,
  key: string,
  column: ColumnLayout,
  cache: ChunkCache,
): Promise<Float64Array> {
  const cacheKey = `${tables.checkpoints}/${key}`;
  const cached = cache.get(cacheKey) ?? [];
  // Sealed chunks never change: read only those past the ones already held...
  let chunks =
    cached.length >= column.chunks
      ? cached
      : [...cached, ...(await readChunks(dynamo, tables, key, cached.length))];
  // ...unless what is held does not digest to what the link names (another store, or a damaged
  // one): then every chunk is read again from the store and checked again.
  let matches = digestMatches(chunks, column);
  if (!matches && cached.length > 0) {
    chunks = await readChunks(dynamo, tables, key, 0);
    matches = digestMatches(chunks, column);
  }
  cache.set(cacheKey, chunks);
  if (chunks.length < column.chunks)
    throw new StoredItemError(
      `${key}: ${chunks.length} chunk(s) stored, the checkpoint names ${column.chunks}`,
    );
  if (!matches) {
    const { digest, sealed } = digestOf(chunks.slice(0, column.chunks));
    throw new StoredItemError(
      `${key}: the stored chunks digest to ${digest} (${sealed} values), the checkpoint names ${column.digest} (${column.sealedValues})`,
    );
  }
  const tail = decodeF64(column.tail, `${key} tail`);
  const out = new Float64Array(column.sealedValues + tail.length);
  let at = 0;
  for (const chunk of chunks.slice(0, column.chunks)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(tail, at);
  if (column.kind === 'multiset') out.sort();
  return out;
}

/** The chunks of `key` from index `from` on, in index order (all pages). */
async function readChunks(
  { doc }: DynamoClients,
  tables: TableNames,
  key: string,
  from: number,
): Promise<Float64Array[]> {
  const chunks: Float64Array[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tables.checkpoints,
        // A chunk's sort key is its index (putCheckpoint).
        KeyConditionExpression: 'asset = :key AND hourTs >= :from',
        ExpressionAttributeValues: { ':key': key, ':from': from },
        ConsistentRead: true,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) {
      const raw = item.values as Uint8Array;
      const values = new Float64Array(raw.length / 8);
      new Uint8Array(values.buffer).set(raw);
      chunks.push(values);
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return chunks;
}

function digestMatches(chunks: readonly Float64Array[], column: ColumnLayout): boolean {
  if (chunks.length < column.chunks) return false;
  const { digest, sealed } = digestOf(chunks.slice(0, column.chunks));
  return digest === column.digest && sealed === column.sealedValues;
}

/** sha256 over the chunks' digests in order (hex), and the values they hold. */
function digestOf(chunks: readonly Float64Array[]): { digest: string; sealed: number } {
  let digest = '';
  let sealed = 0;
  for (const chunk of chunks) {
    digest = sha256(`${digest}${chunkHash(chunk)}`);
    sealed += chunk.length;
  }
  return { digest, sealed };
}

/**
 * Each chunk's own SHA-256, by chunk: a held chunk is never written to, so a warm process hashes
 * only the chunks it read since its last cycle, and chains 64-character hashes for the rest.
 */
const chunkHashes = new WeakMap<Float64Array, string>();

function chunkHash(chunk: Float64Array): string {
  let hash = chunkHashes.get(chunk);
  if (hash === undefined) {
    hash = sha256(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    chunkHashes.set(chunk, hash);
  }
  return hash;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
