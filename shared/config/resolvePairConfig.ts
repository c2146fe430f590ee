import type { AssetConfig, PairConfig } from './assetsConfig.js';
import { DEFAULTS } from './defaults.js';

/**
 * The engine configuration of a pair (collateral C against debt D, docs/cross-asset.md): the
 * collateral's, since the pair is liquidated by selling C, with the pair's own bounds (LTV and LT
 * default to DEFAULTS.pairBounds, LB to the collateral's), step limits, publication triggers and
 * liquidation size where it sets them. The result is what the engine runs with, what the record's
 * `configHash` covers and what the contract's guardrails for the pair are derived from.
 */
export function resolvePairConfig(collateral: AssetConfig, pair: PairConfig): AssetConfig {
  const bounds = pair.bounds ?? {};
  return {
    ...collateral,
    bounds: {
      ltv: bounds.ltv ?? [...DEFAULTS.pairBounds.ltv],
      lt: bounds.lt ?? [...DEFAULTS.pairBounds.lt],
      lb: bounds.lb ?? collateral.bounds.lb,
    },
    liquidationSizeUsd: pair.liquidationSizeUsd ?? collateral.liquidationSizeUsd,
    maxLoosenPerUpdateBps: pair.maxLoosenPerUpdateBps ?? collateral.maxLoosenPerUpdateBps,
    maxLoosenPerDayBps: pair.maxLoosenPerDayBps ?? collateral.maxLoosenPerDayBps,
    loosenHalfLifeHours: pair.loosenHalfLifeHours ?? collateral.loosenHalfLifeHours,
    maxTightenPerUpdateBps: pair.maxTightenPerUpdateBps ?? collateral.maxTightenPerUpdateBps,
    deviationBps: pair.deviationBps ?? collateral.deviationBps,
    heartbeatSeconds: pair.heartbeatSeconds ?? collateral.heartbeatSeconds,
  };
}
