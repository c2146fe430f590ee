import type { Candle } from '../../core/types.js';
import type { RiskRecord } from '../../risk/types.js';
import { getLatestCandles } from '../../store/getLatestCandles.js';
import type { ApiContext } from '../ApiContext.js';
import { NotFoundError } from '../errors.js';

export interface LatestMarket {
  /** Each asset's reference candles, from the stored inputs of its latest record. */
  readonly candles: Record<string, readonly Candle[]>;
  /** Each asset's latest record. */
  readonly records: Record<string, RiskRecord>;
}

/**
 * The stored candles and the latest record of each asset (cross-asset routes, docs/cross-asset.md).
 * @throws NotFoundError naming the asset when it has no record yet (unless `skipMissing`).
 */
export async function loadLatestMarket(
  context: ApiContext,
  assets: readonly string[],
  field: string,
  /** Leave out assets without a record instead of failing. @default false */
  skipMissing = false,
): Promise<LatestMarket> {
  const { candles, records, missing } = await getLatestCandles(context.dynamo, context.tables, assets);
  if (!skipMissing && missing.length > 0)
    throw new NotFoundError(`${field}: asset "${missing[0]}" has no risk record yet`, {
      field,
      fix: 'wait for its first cycle, or run one with `ballast run --local`',
    });
  return { candles, records };
}
