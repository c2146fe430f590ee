import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CompactMarketSnapshot } from '../market/compactSnapshot.js';
import type { RiskInputs } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import { listCandles } from './listCandles.js';
import { readJsonAttribute } from './readJsonAttribute.js';
import { SNAPSHOT_INPUTS_FORMAT } from './putSnapshot.js';
import type { TableNames } from './tables.js';

export interface StoredSnapshot {
  readonly asset: string;
  /** Collection time, ms UTC: the item's sort key. */
  readonly ts: number;
  readonly compact: CompactMarketSnapshot;
  /**
   * The engine's exact inputs, candles included (read back from the candle table for snapshots that
   * reference them; empty when `withCandles` was false).
   */
  readonly inputs: RiskInputs;
  /**
   * The stored hash: of `inputs` for snapshots written before the candle table (`candleRange`
   * undefined), of `inputs` without `candles` since.
   */
  readonly inputsHash: string;
  /** The stored candle hours the snapshot names (null: none); undefined for the older format. */
  readonly candleRange?: { readonly fromTs: number; readonly toTs: number } | null;
}

/**
 * Reads a stored snapshot (inputs as stored; `ballast verify` re-hashes them). Snapshots written
 * since the candle table exist name a range of candle hours, read back here unless `withCandles`
 * is false (then `inputs.candles` is empty: for readers of the book or the compact view only).
 */
export async function getSnapshot(
  dynamo: DynamoClients,
  tables: TableNames,
  asset: string,
  ts: number,
  { withCandles = true }: { readonly withCandles?: boolean } = {},
): Promise<StoredSnapshot> {
  const { Item } = await dynamo.doc.send(
    new GetCommand({ TableName: tables.snapshots, Key: { asset, ts }, ConsistentRead: true }),
  );
  if (Item === undefined)
    throw new StoredItemError(
      `no snapshot for ${asset} at ${new Date(ts).toISOString()} (${ts}) in ${tables.snapshots}`,
    );
  // Since the storage work of issue 20 both live in `snapshotBr`; before, `inputsGz` and `compact`.
  const packed = readJsonAttribute(Item, 'snapshot') as
    { compact: CompactMarketSnapshot; inputs: RiskInputs } | undefined;
  const stored = packed?.inputs ?? (readJsonAttribute(Item, 'inputs') as RiskInputs | undefined);
  if (stored === undefined)
    throw new StoredItemError(`the snapshot of ${asset} at ${ts} holds no inputs (snapshotBr or inputsGz)`);
  const base = {
    asset,
    ts,
    compact: packed?.compact ?? (readJsonAttribute(Item, 'compact') as CompactMarketSnapshot),
    inputsHash: Item.inputsHash as string,
  };
  if (Item.inputsFormat !== SNAPSHOT_INPUTS_FORMAT) return { ...base, inputs: stored };
  const range = (Item.candles as { fromTs: number; toTs: number } | undefined) ?? null;
  const candles =
    range === null || !withCandles ? [] : await listCandles(dynamo, tables, asset, range.fromTs, range.toTs);
  return { ...base, inputs: { ...stored, candles }, candleRange: range };
}
