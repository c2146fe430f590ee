import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { evaluateCycle } from '../evaluateCycle.js';
import { RiskInputError } from '../errors.js';
import { RiskSeries } from '../series/RiskSeries.js';
import { modelSpecFor } from '../version/modelSpecFor.js';
import type { EngineState } from './EngineState.js';
import { engineOptions } from './engineOptions.js';

export interface CheckpointStepParams {
  readonly asset: string;
  /** The state to continue from; absent: the empty state (the chain starts at the first candle). */
  readonly predecessor?: EngineState;
  /** The new candles, ascending, each after the predecessor's last. */
  readonly candles: readonly Candle[];
  readonly config: AssetConfig;
  readonly modelVersion: string;
}

/**
 * One link of an asset's checkpoint chain (docs/methodology.md §8.4): steps the predecessor
 * through the new candles, then reads the series once as a cycle at the last candle's close would
 * (so the FHS samples of the horizons the configuration asks for are part of the state), and
 * returns the new state. Pure; `ballast verify --deep` replays the chain with exactly this.
 * @throws RiskInputError without candles, or for candles the engine refuses.
 */
export function checkpointStep({
  asset,
  predecessor,
  candles,
  config,
  modelVersion,
}: CheckpointStepParams): EngineState {
  const last = candles[candles.length - 1];
  if (last === undefined)
    throw new RiskInputError('candles is empty; a checkpoint link adds at least one candle');
  const spec = modelSpecFor(modelVersion, config);
  const options = engineOptions(config, spec);
  const series =
    predecessor === undefined ? new RiskSeries(options) : RiskSeries.fromState(predecessor, options);
  for (const candle of candles) series.push(candle);
  evaluateCycle({
    asset,
    asOf: last[0] + HOUR_MS,
    series,
    config,
    book: undefined,
    quality: { degraded: false, reasons: [] },
    previous: undefined,
    spec,
    explain: false,
  });
  return series.toState();
}
