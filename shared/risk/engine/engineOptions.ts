import type { AssetConfig } from '../../config/assetsConfig.js';
import type { RiskSeriesOptions } from '../series/RiskSeries.js';
import type { ModelSpec } from '../version/modelSpecFor.js';

/** The estimator settings an asset's configuration and model version imply (EWMA decays, seed, windows, volatility model). */
export function engineOptions(config: AssetConfig, spec: ModelSpec): Required<RiskSeriesOptions> {
  return {
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
    rangeBars: 168,
  };
}
