import type { Candle } from '../../core/types.js';
import type { RiskRecord } from '../../risk/types.js';
import { getLatestRiskRecord } from '../../store/riskRecords.js';
import { getSnapshot } from '../../store/snapshots.js';
import type { ApiContext } from '../ApiContext.js';
import { NotFoundError } from '../errors.js';

export interface LatestMarket {
  /** Each asset's reference candles, from the stored inputs of its latest record. */
  readonly candles: Record<string, readonly Candle[]>;
  /** Each asset's latest record. */
  readonly records: Record<string, RiskRecord>;
}

/**
 * The stored candles and the latest record of each asset (cross-asset routes, docs/cross-asset.md):
 * the latest record's snapshot holds the exact candle history the engine used for it.
 * @throws NotFoundError naming the asset when it has no record yet (unless `skipMissing`).
 */
export async function loadLatestMarket(
  context: ApiContext,
  assets: readonly string[],
  field: string,
  /** Leave out assets without a record instead of failing. @default false */
  skipMissing = false,
): Promise<LatestMarket> {
  const candles: Record<string, readonly Candle[]> = {};
  const records: Record<string, RiskRecord> = {};
  for (const asset of assets) {
    const latest = await getLatestRiskRecord(context.dynamo, context.tables, asset);
    if (latest === undefined && skipMissing) continue;
    if (latest === undefined)
      throw new NotFoundError(`${field}: asset "${asset}" has no risk record yet`, {
        field,
        fix: 'wait for its first cycle, or run one with `ballast run --local`',
      });
    const snapshot = await getSnapshot(context.dynamo, context.tables, asset, latest.ts);
    candles[asset] = snapshot.inputs.candles;
    records[asset] = latest.record;
  }
  return { candles, records };
}
