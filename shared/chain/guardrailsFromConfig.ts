import type { AssetConfig, AssetsConfig } from '../config/assetsConfig.js';
import type { Guardrails } from './oracle/types.js';

export interface GuardrailsOptions {
  /**
   * Minimum seconds between two accepted updates of one asset, on-chain. Bounds how fast a
   * compromised key could walk a parameter by repeated step-limited updates.
   * @default half the cycle period
   */
  readonly minIntervalSec?: number;
}

/** Largest volatility index the contract stores (16 bits). */
const MAX_VOL_INDEX_BPS = 65_535;

/**
 * The on-chain guardrails of one asset, from the same config the engine obeys: the contract
 * enforces again what the engine already guarantees (governance bounds, per-update step limits).
 */
export function guardrailsFromAssetConfig(config: AssetConfig, minIntervalSec: number): Guardrails {
  return {
    minVolIndexBps: 0,
    maxVolIndexBps: MAX_VOL_INDEX_BPS,
    minLtvBps: config.bounds.ltv[0],
    maxLtvBps: config.bounds.ltv[1],
    minLtBps: config.bounds.lt[0],
    maxLtBps: config.bounds.lt[1],
    minLbBps: config.bounds.lb[0],
    maxLbBps: config.bounds.lb[1],
    maxLoosenBps: config.maxLoosenPerUpdateBps,
    maxTightenBps: config.maxTightenPerUpdateBps,
    minIntervalSec,
  };
}

/** Guardrails of every configured asset. */
export function guardrailsFromConfig(
  config: AssetsConfig,
  options: GuardrailsOptions = {},
): Record<string, Guardrails> {
  const minIntervalSec = options.minIntervalSec ?? Math.floor(config.cyclePeriodSeconds / 2);
  return Object.fromEntries(
    Object.entries(config.assets).map(([asset, c]) => [asset, guardrailsFromAssetConfig(c, minIntervalSec)]),
  );
}
