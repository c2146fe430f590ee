import type { AssetConfig } from '../../config/assetsConfig.js';
import { engineOptions } from '../engine/engineOptions.js';
import type { ModelSpec } from '../version/modelSpecFor.js';
import { RiskSeries } from './RiskSeries.js';

/** An empty RiskSeries configured from an asset's configuration (EWMA decays, seed, stress windows). */
export function createRiskSeries(config: AssetConfig, spec: ModelSpec): RiskSeries {
  return new RiskSeries(engineOptions(config, spec));
}
