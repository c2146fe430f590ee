import type { CompactMarketSnapshot } from '../market/compactSnapshot.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../risk/types.js';
import { appendCandles, type AppendCandlesResult } from './appendCandles.js';
import type { DynamoClients } from './createDynamoClients.js';
import { jsonAttribute } from './jsonAttribute.js';
import { putOnce } from './putOnce.js';
import { TABLES, type TableNames } from './tables.js';

/**
 * Snapshot items written since reference candles have their own table: the inputs they hold have no
 * candles, and `candles` names the range of stored candle hours they stand for.
 */
export const SNAPSHOT_INPUTS_FORMAT = 2;

/**
 * Stores a cycle's snapshot once: the compact market view and the engine's exact inputs, as one
 * compressed JSON attribute (`snapshotBr`, jsonAttribute), with their hash under the current scheme (`hashCanonical`), which an auditor recomputes.
 * The reference candles are not repeated in every snapshot: they are stored once per asset-hour
 * (appendCandles, table `candles`) and the snapshot names the range of candle hours it saw
 * (`candles: { fromTs, toTs }`); `inputsHash` is the hash of the inputs without `candles`.
 * getSnapshot puts the candles back from the candle table.
 */
export async function putSnapshot(
  dynamo: DynamoClients,
  tables: TableNames,
  snapshot: { asset: string; ts: number; compact: CompactMarketSnapshot; inputs: RiskInputs },
): Promise<{ inputsHash: string; written: boolean; candles: AppendCandlesResult }> {
  const { candles, ...rest } = snapshot.inputs;
  // Candles first: a snapshot never names candle hours the store does not hold yet.
  const appended = await appendCandles(dynamo, tables, snapshot.asset, candles);
  // The cycle's compute hashes the record's inputs with the same (current) scheme.
  const inputsHash = hashCanonical(rest, CURRENT_HASH_SCHEME);
  const first = candles[0];
  const last = candles[candles.length - 1];
  const { written } = await putOnce({
    doc: dynamo.doc,
    tableName: tables.snapshots,
    keyNames: [TABLES.snapshots.partitionKey.name, TABLES.snapshots.sortKey.name],
    identityAttribute: 'inputsHash',
    item: {
      asset: snapshot.asset,
      ts: snapshot.ts,
      expiresAt: snapshot.compact.expiresAt,
      degraded: snapshot.inputs.quality.degraded,
      inputsFormat: SNAPSHOT_INPUTS_FORMAT,
      // One attribute for both (`snapshotBr`): the compact view's top bids repeat the inputs' first
      // levels, which one compressed text stores once. Plain JSON inside round-trips every double
      // exactly; the hash is over the canonical form.
      ...jsonAttribute('snapshot', { compact: snapshot.compact, inputs: rest }),
      ...(first === undefined || last === undefined ? {} : { candles: { fromTs: first[0], toTs: last[0] } }),
      inputsHash,
    },
  });
  return { inputsHash, written, candles: appended };
}
