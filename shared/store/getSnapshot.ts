import { gunzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CompactMarketSnapshot } from '../market/compactSnapshot.js';
import type { RiskInputs } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { TableNames } from './tables.js';

export interface StoredSnapshot {
  readonly asset: string;
  /** Collection time, ms UTC: the item's sort key. */
  readonly ts: number;
  readonly compact: CompactMarketSnapshot;
  /** The engine's exact inputs; their canonical JSON hashes to `inputsHash`. */
  readonly inputs: RiskInputs;
  readonly inputsHash: string;
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
