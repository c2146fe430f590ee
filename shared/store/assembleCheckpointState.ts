import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeF64 } from '../risk/engine/decodeF64.js';
import { encodeF64 } from '../risk/engine/encodeF64.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import type { CheckpointLayout, ColumnLayout } from './checkpointLayout.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { TableNames } from './tables.js';

/** Chunks already read, by `family#column`: they never change, so readers of many links share them. */
export type ChunkCache = Map<string, Float64Array[]>;

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
  { doc }: DynamoClients,
  tables: TableNames,
  key: string,
  column: ColumnLayout,
  cache: ChunkCache,
): Promise<Float64Array> {
  let chunks = cache.get(key) ?? [];
  if (chunks.length < column.chunks) {
    chunks = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tables.checkpoints,
          KeyConditionExpression: 'asset = :key',
          ExpressionAttributeValues: { ':key': key },
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
    cache.set(key, chunks);
  }
  if (chunks.length < column.chunks)
    throw new StoredItemError(
      `${key}: ${chunks.length} chunk(s) stored, the checkpoint names ${column.chunks}`,
    );
  let digest = '';
  let sealed = 0;
  for (const chunk of chunks.slice(0, column.chunks)) {
    digest = sha256(`${digest}${sha256(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))}`);
    sealed += chunk.length;
  }
  if (digest !== column.digest || sealed !== column.sealedValues)
    throw new StoredItemError(
      `${key}: the stored chunks digest to ${digest} (${sealed} values), the checkpoint names ${column.digest} (${column.sealedValues})`,
    );
  const tail = decodeF64(column.tail, `${key} tail`);
  const out = new Float64Array(sealed + tail.length);
  let at = 0;
  for (const chunk of chunks.slice(0, column.chunks)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(tail, at);
  if (column.kind === 'multiset') out.sort();
  return out;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
