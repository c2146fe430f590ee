import type { AssetConfig } from '../../config/assetsConfig.js';
import { liquidationHorizon } from '../liquidity/liquidationHorizon.js';
import { liquidationSlippage } from '../liquidity/liquidationSlippage.js';
import type { RiskSeries } from '../series/RiskSeries.js';
import type { RiskBook, RiskIntermediates, RiskReason } from '../types.js';
import type { Mutable } from '../engine/createCycleScratch.js';
import { NO_REASONS } from './noReasons.js';

export interface ModelLiquidityParams {
  readonly series: RiskSeries;
  readonly config: AssetConfig;
  readonly book: RiskBook | undefined;
  readonly sigmaFast: number | null;
  /** Build the reasons (docs/methodology.md §8); the backtest, which reads none, turns it off. @default true */
  readonly explain?: boolean;
}

export interface ModelLiquidityResult {
  readonly hourlyVolumeUsd: number | null;
  readonly advUsd: number | null;
  /** Liquidation horizon `H`, hours (real), and `⌈H⌉` used by FHS. */
  readonly horizonHours: number;
  readonly horizonHoursUsed: number;
  /** Slippage of selling Q (fraction); null without a volatility to scale the proxy. */
  readonly slip: number | null;
  readonly slipSource: RiskIntermediates['slipSource'];
  readonly spread: number | null;
  readonly depth2PctUsd: number | null;
  readonly sqrtExtrapolated: boolean;
  readonly reasons: readonly RiskReason[];
}

/**
 * Liquidity (docs/methodology.md §5): average hourly USD volume and ADV over the volume window, the
 * liquidation horizon `H = H_base + Q / (ρ V_h)` (capped), and the slippage of selling Q (book walk,
 * square-root extrapolation, or the proxy without a book). With `out` (a cycle scratch), the result
 * is written there instead of a new object.
 */
export function modelLiquidity(
  { series, config, book, sigmaFast, explain = true }: ModelLiquidityParams,
  out?: Mutable<ModelLiquidityResult>,
): ModelLiquidityResult {
  const reasons: RiskReason[] | null = explain ? [] : null;
  const hourlyVolumeUsd = series.hourlyVolumeUsd(config.volumeWindowDays * 24);
  const advUsd = hourlyVolumeUsd === null ? null : hourlyVolumeUsd * 24;
  const horizonHours =
    config.fixedHorizonHours ??
    liquidationHorizon({
      sizeUsd: config.liquidationSizeUsd,
      hourlyVolumeUsd: hourlyVolumeUsd ?? 0,
      participation: config.participation,
      baseHours: config.horizonBaseHours,
      maxHours: config.horizonMaxHours,
    });
  // FHS needs whole hours; rounding up is the conservative side.
  const horizonHoursUsed = Math.ceil(horizonHours - 1e-9);

  let slip: number | null = null;
  let slipSource: RiskIntermediates['slipSource'] = book === undefined ? 'proxy' : 'book';
  let spread: number | null = null;
  let depth2PctUsd: number | null = null;
  let sqrtExtrapolated = false;
  if (sigmaFast !== null) {
    const s = liquidationSlippage({
      book,
      sizeUsd: config.liquidationSizeUsd,
      sigmaDaily: sigmaFast * Math.sqrt(24),
      advUsd: advUsd ?? 0,
      impactY: config.impactY,
      proxySpread: config.proxySpreadBps / 10_000,
    });
    slip = s.slip;
    slipSource = s.source;
    spread = s.spread;
    depth2PctUsd = s.depth2PctUsd;
    sqrtExtrapolated = s.sqrtExtrapolated;
    if (sqrtExtrapolated)
      reasons?.push({
        stage: 'model',
        code: 'sqrtExtrapolated',
        param: 'slip',
        detail: `Q = ${config.liquidationSizeUsd} USD exceeds the visible bids; square-root law used`,
      });
  }
  if (out === undefined)
    return {
      hourlyVolumeUsd,
      advUsd,
      horizonHours,
      horizonHoursUsed,
      slip,
      slipSource,
      spread,
      depth2PctUsd,
      sqrtExtrapolated,
      reasons: reasons ?? NO_REASONS,
    };
  out.hourlyVolumeUsd = hourlyVolumeUsd;
  out.advUsd = advUsd;
  out.horizonHours = horizonHours;
  out.horizonHoursUsed = horizonHoursUsed;
  out.slip = slip;
  out.slipSource = slipSource;
  out.spread = spread;
  out.depth2PctUsd = depth2PctUsd;
  out.sqrtExtrapolated = sqrtExtrapolated;
  out.reasons = reasons ?? NO_REASONS;
  return out;
}
