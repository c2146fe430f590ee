import type { AssetConfig } from '../../config/assetsConfig.js';
import type { ModelSpec } from '../version/modelSpecFor.js';
import { RiskSeries } from './RiskSeries.js';

/** A RiskSeries configured from an asset's configuration (EWMA decays, seed, stress windows). */
export function createRiskSeries(config: AssetConfig, spec: ModelSpec): RiskSeries {
  return new RiskSeries({
    lambdaFast: config.lambdaFast,
    lambdaSlow: config.lambdaSlow,
    ewmaSeedReturns: config.ewmaSeedReturns,
    stressWindowHours: config.stressWindowDays * 24,
    stressLookbackHours: config.stressLookbackDays * 24,
    // The longest horizon this configuration can ask for: every horizon shares its start hours.
    fhsCutoffHours: Math.max(config.fixedHorizonHours ?? config.horizonMaxHours, config.reactionHours),
    volatilityModel: spec.volatilityModel,
    harMinDays: spec.harMinDays,
    volumeWindowHours: config.volumeWindowDays * 24,
  });
}
