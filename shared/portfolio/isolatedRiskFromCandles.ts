import type { AssetConfig } from '../config/assetsConfig.js';
import type { Candle } from '../core/types.js';
import { computeRiskRecord } from '../risk/computeRiskRecord.js';
import type { IsolatedAssetRisk } from './evaluatePortfolio.js';

export interface IsolatedRiskFromCandlesParams {
  readonly asset: string;
  readonly candles: readonly Candle[];
  readonly config: AssetConfig;
  /** Close of the last candle to use (ms UTC). */
  readonly asOf: number;
}

/**
 * An asset's isolated parameters when no stored record is at hand (offline CLI): one engine cycle
 * on its candles (docs/methodology.md §3–§7, no book, so the square-root slippage proxy) — the
 * target a first publication would carry. Returns LT in bp and the slippage as a fraction.
 */
export function isolatedRiskFromCandles({
  asset,
  candles,
  config,
  asOf,
}: IsolatedRiskFromCandlesParams): IsolatedAssetRisk {
  const record = computeRiskRecord({
    inputs: {
      asset,
      asOf,
      candles: candles.filter((c) => c[0] + 3_600_000 <= asOf),
      quality: { degraded: false, reasons: [] },
    },
    config,
  });
  return { ltBps: record.published.ltBps, slip: record.intermediate.slip ?? 1 };
}
