import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CompactMarketSnapshot } from '../market/compactSnapshot.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import { StoredItemError } from './errors.js';
import { TABLES, type TableNames } from './tables.js';

export interface StoredSnapshot {
  readonly asset: string;
  /** Collection time, ms UTC: the item's sort key. */
  readonly ts: number;
  readonly compact: CompactMarketSnapshot;
  /** The engine's exact inputs; their canonical JSON hashes to `inputsHash`. */
  readonly inputs: RiskInputs;
  readonly inputsHash: string;
}

/**
 * Stores a cycle's snapshot once: the compact market view, and the engine's exact inputs (gzip
 * JSON) with their hash under the current scheme (`hashCanonical`), which an auditor recomputes.
 */
export async function putSnapshot(
  { doc }: DynamoClients,
  tables: TableNames,
  snapshot: { asset: string; ts: number; compact: CompactMarketSnapshot; inputs: RiskInputs },
): Promise<{ inputsHash: string; written: boolean }> {
  // The cycle's compute hashes the record's inputs with the same (current) scheme.
  const inputsHash = hashCanonical(snapshot.inputs, CURRENT_HASH_SCHEME);
  const { written } = await putOnce({
    doc,
    tableName: tables.snapshots,
    keyNames: [TABLES.snapshots.partitionKey.name, TABLES.snapshots.sortKey.name],
    identityAttribute: 'inputsHash',
    item: {
      asset: snapshot.asset,
      ts: snapshot.ts,
      expiresAt: snapshot.compact.expiresAt,
      degraded: snapshot.inputs.quality.degraded,
      compact: JSON.stringify(snapshot.compact),
      // Plain JSON round-trips every double exactly; the hash is over the canonical form.
      inputsGz: gzipSync(JSON.stringify(snapshot.inputs)),
      inputsHash,
    },
  });
  return { inputsHash, written };
}

/** Reads a stored snapshot (inputs as stored; `ballast verify` re-hashes them). */
export async function getSnapshot(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
  ts: number,
): Promise<StoredSnapshot> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.snapshots, Key: { asset, ts }, ConsistentRead: true }),
  );
  if (Item === undefined)
    throw new StoredItemError(
      `no snapshot for ${asset} at ${new Date(ts).toISOString()} (${ts}) in ${tables.snapshots}`,
    );
  return {
    asset,
    ts,
    compact: JSON.parse(Item.compact as string) as CompactMarketSnapshot,
    inputs: JSON.parse(gunzipSync(Item.inputsGz as Uint8Array).toString('utf8')) as RiskInputs,
    inputsHash: Item.inputsHash as string,
  };
}
