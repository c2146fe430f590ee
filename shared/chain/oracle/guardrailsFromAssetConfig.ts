import type { AssetConfig } from '../../config/assetsConfig.js';
import type { Guardrails } from './types.js';

/** Largest step the packed v2 slot can hold (11 bits), bp. */
export const MAX_STEP_BPS = 2_047;
/** Largest minimum interval the packed slot can hold (16 bits), seconds. */
const MAX_INTERVAL_SEC = 65_535;

export interface GuardrailsFromAssetConfigParams {
  readonly asset: AssetConfig;
  /** Pipeline cycle period, seconds (assets config `cyclePeriodSeconds`). */
  readonly cyclePeriodSeconds: number;
  /** Volatility index bounds, bp; the off-chain config has none. @default [0, 65535] */
  readonly volIndexBounds?: readonly [number, number];
}

/**
 * On-chain guardrails from an asset's off-chain config: the same bounds and per-update step limits
 * the engine applies (docs/methodology.md §7), so the contract re-enforces them as the last line.
 * minIntervalSec = ⌊cyclePeriodSeconds / 2⌋, measured by RiskOracle v2 on block time: a batch mined
 * up to half a cycle late followed by one mined on time still passes, while a burst of updates
 * inside one cycle does not.
 */
export function guardrailsFromAssetConfig({
  asset,
  cyclePeriodSeconds,
  volIndexBounds = [0, 65_535],
}: GuardrailsFromAssetConfigParams): Guardrails {
  return {
    minVolIndexBps: volIndexBounds[0],
    maxVolIndexBps: volIndexBounds[1],
    minLtvBps: asset.bounds.ltv[0],
    maxLtvBps: asset.bounds.ltv[1],
    minLtBps: asset.bounds.lt[0],
    maxLtBps: asset.bounds.lt[1],
    minLbBps: asset.bounds.lb[0],
    maxLbBps: asset.bounds.lb[1],
    maxLoosenBps: Math.min(asset.maxLoosenPerUpdateBps, MAX_STEP_BPS),
    maxTightenBps: Math.min(asset.maxTightenPerUpdateBps, MAX_STEP_BPS),
    minIntervalSec: Math.min(Math.floor(cyclePeriodSeconds / 2), MAX_INTERVAL_SEC),
  };
}
