import { computeCorrelations, type CorrelationsResult } from '../../risk/crossAsset/computeCorrelations.js';
import type { ApiContext } from '../ApiContext.js';
import { ApiError } from '../errors.js';
import { loadLatestMarket } from './loadLatestMarket.js';

export interface CorrelationsBody extends Omit<CorrelationsResult, 'asOf'> {
  readonly asOf: string;
}

/**
 * `GET /v1/correlations`: EWMA and stressed correlations of the configured assets and the pairs that
 * moved most (docs/cross-asset.md §1), from the candles stored with each asset's latest record
 * (assets without a record yet are left out). Computed on request from the stored candles.
 */
export async function getCorrelations(context: ApiContext): Promise<CorrelationsBody> {
  const { candles } = await loadLatestMarket(context, Object.keys(context.config.assets), 'asset', true);
  const withRecords = Object.keys(candles);
  if (withRecords.length < 2)
    throw new ApiError(
      404,
      'notFound',
      `correlations need at least two assets with a risk record; this stage has ${withRecords.length} (${withRecords.join(', ') || 'none'})`,
      { fix: 'wait for the first cycles, or run them with `ballast run --local`' },
    );
  const result = computeCorrelations({ candles });
  return { ...result, asOf: new Date(result.asOf).toISOString() };
}
