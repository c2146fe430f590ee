import type { Candle } from '../core/types.js';
import type { RiskRecord } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { getLatestRiskRecord } from './getLatestRiskRecord.js';
import { getSnapshot } from './getSnapshot.js';
import type { TableNames } from './tables.js';

export interface LatestCandles {
  /** Each asset's reference candles: the exact history its latest record was computed from. */
  readonly candles: Record<string, readonly Candle[]>;
  /** Each asset's latest record. */
  readonly records: Record<string, RiskRecord>;
  /** Assets asked for that have no record yet. */
  readonly missing: string[];
}

/**
 * The candles and the latest record of each asset, for the cross-asset views (docs/cross-asset.md):
 * the latest record's stored snapshot holds the candle history the engine used for it.
 */
export async function getLatestCandles(
  dynamo: DynamoClients,
  tables: TableNames,
  assets: readonly string[],
): Promise<LatestCandles> {
  const candles: Record<string, readonly Candle[]> = {};
  const records: Record<string, RiskRecord> = {};
  const missing: string[] = [];
  for (const asset of assets) {
    const latest = await getLatestRiskRecord(dynamo, tables, asset);
    if (latest === undefined) {
      missing.push(asset);
      continue;
    }
    const snapshot = await getSnapshot(dynamo, tables, asset, latest.ts);
    candles[asset] = snapshot.inputs.candles;
    records[asset] = latest.record;
  }
  return { candles, records, missing };
}
