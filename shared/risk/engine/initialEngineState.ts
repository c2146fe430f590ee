import type { AssetConfig } from '../../config/assetsConfig.js';
import { createRiskSeries } from '../series/createRiskSeries.js';
import type { ModelSpec } from '../version/modelSpecFor.js';
import type { EngineState } from './EngineState.js';

/** The state before the first candle, for an asset's configuration and model version. */
export function initialEngineState(config: AssetConfig, spec: ModelSpec): EngineState {
  return createRiskSeries(config, spec).toState();
}
