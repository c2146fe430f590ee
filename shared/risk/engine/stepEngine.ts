import type { Candle } from '../../core/types.js';
import { RiskSeries } from '../series/RiskSeries.js';
import type { EngineState } from './EngineState.js';

/**
 * `state(t+1) = stepEngine(state(t), candle(t+1))`, and more candles at once (docs/methodology.md
 * §8.4). Pure: the input state is not changed. Stepping from any state equals recomputing from the
 * first candle, bit for bit (test/unit/risk/engine/stepEngine.test.ts).
 * @throws RiskInputError for a candle not after the state's last one, a non-finite field, or a malformed state.
 */
export function stepEngine(state: EngineState, ...candles: readonly Candle[]): EngineState {
  const series = RiskSeries.fromState(state, state.options);
  for (const candle of candles) series.push(candle);
  return series.toState();
}
