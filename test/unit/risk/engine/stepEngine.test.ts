import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCandlesCsv } from '../../../../shared/backtest/readCandlesCsv.js';
import type { AssetConfig } from '../../../../shared/config/assetsConfig.js';
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import type { Candle } from '../../../../shared/core/types.js';
import { computeRiskCycle } from '../../../../shared/risk/computeRiskCycle.js';
import { computeRiskRecord, MODEL_VERSION } from '../../../../shared/risk/computeRiskRecord.js';
import type { EngineState } from '../../../../shared/risk/engine/EngineState.js';
import { initialEngineState } from '../../../../shared/risk/engine/initialEngineState.js';
import { stepEngine } from '../../../../shared/risk/engine/stepEngine.js';
import { evaluateCycle } from '../../../../shared/risk/evaluateCycle.js';
import { RiskInputError } from '../../../../shared/risk/errors.js';
import { createRiskSeries } from '../../../../shared/risk/series/createRiskSeries.js';
import { RiskSeries } from '../../../../shared/risk/series/RiskSeries.js';
import { modelSpecFor } from '../../../../shared/risk/version/modelSpecFor.js';
import { syntheticCandles, testAssetConfig } from '../../../fixtures/risk/syntheticCandles.js';

const quality = { degraded: false, reasons: [] as string[] };
const OHLCV = new URL('../../../../../shared/data/ohlcv/', import.meta.url);
const defaults = parseAssetsConfig(
  readFileSync(new URL('../../../../shared/config/assets.default.json', import.meta.url), 'utf8'),
  'assets.default.json',
);

/** A cycle's outputs on the series as it stands (the candle at `t` is the last). */
function cycleOn(series: RiskSeries, config: AssetConfig, candles: readonly Candle[], t: number) {
  return evaluateCycle({
    asset: 'X',
    asOf: candles[t]![0] + HOUR_MS,
    series,
    config,
    book: undefined,
    quality,
    previous: undefined,
    spec: modelSpecFor(MODEL_VERSION, config),
  });
}

/** JSON round trip: what a checkpoint goes through in storage. */
const stored = (state: EngineState): EngineState => JSON.parse(JSON.stringify(state)) as EngineState;

/**
 * The property of docs/methodology.md §8.4: a checkpoint written after candle k (by a cycle that
 * read the series there), stored, restored and stepped to candle e gives the state and the cycle
 * outputs a recomputation from the first candle gives, bit for bit.
 */
function checkpointEqualsRecompute(
  candles: readonly Candle[],
  config: AssetConfig,
  k: number,
  e: number,
): void {
  const spec = modelSpecFor(MODEL_VERSION, config);
  const reference = createRiskSeries(config, spec);
  for (let t = 0; t <= k; t++) reference.push(candles[t]!);
  cycleOn(reference, config, candles, k); // the cycle that wrote the checkpoint read the series here
  const checkpoint = stored(reference.toState());
  for (let t = k + 1; t <= e; t++) reference.push(candles[t]!);
  const expected = cycleOn(reference, config, candles, e);

  const resumed = RiskSeries.fromState(checkpoint, reference.options);
  for (let t = k + 1; t <= e; t++) resumed.push(candles[t]!);
  expect(cycleOn(resumed, config, candles, e)).toEqual(expected);
  expect(JSON.stringify(resumed.toState())).toBe(JSON.stringify(reference.toState()));
}

describe('engine state: stepping from any checkpoint equals recomputing from the first candle', () => {
  it('synthetic history with gaps, every volatility model (fast-check over checkpoint and end)', () => {
    const candles = syntheticCandles({ seed: 77, hours: 24 * 60, gaps: new Set([100, 101, 102, 700, 1200]) });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: candles.length - 2 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('ewma', 'har', 'max'),
        (k, ahead, volatilityModel) => {
          const config = testAssetConfig({ volatilityModel, harMinDays: 35 });
          checkpointEqualsRecompute(candles, config, k, Math.min(candles.length - 1, k + ahead));
        },
      ),
      { numRuns: 40, seed: 20 },
    );
  });

  for (const asset of ['ETH', 'BTC']) {
    const file = new URL(`${asset}_USDT-1h.csv`, OHLCV);
    it.skipIf(!existsSync(file))(
      `${asset}: five years of real candles (../shared/data, skipped when absent), volume horizon, production config`,
      () => {
        const { candles } = readCandlesCsv(readFileSync(file, 'utf8'), `${asset}_USDT-1h.csv`);
        const config = defaults.assets[asset]!;
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: candles.length - 2 }),
            fc.integer({ min: 1, max: candles.length }),
            (k, ahead) =>
              checkpointEqualsRecompute(candles, config, k, Math.min(candles.length - 1, k + ahead)),
          ),
          { numRuns: 6, seed: asset.length },
        );
      },
    );
  }

  it('stepEngine hour by hour through stored states equals one pass, at every hour', () => {
    const candles = syntheticCandles({ seed: 5, hours: 24 * 40, gaps: new Set([300]) });
    const config = testAssetConfig({ volatilityModel: 'max', harMinDays: 31 });
    const spec = modelSpecFor(MODEL_VERSION, config);
    const reference = createRiskSeries(config, spec);
    let state = initialEngineState(config, spec);
    for (let t = 0; t < candles.length; t++) {
      reference.push(candles[t]!);
      if (t === 500) {
        // A cycle reads the series (FHS samples start), then the chain continues from its state.
        cycleOn(reference, config, candles, t);
        const resumed = RiskSeries.fromState(state, reference.options);
        resumed.push(candles[t]!);
        cycleOn(resumed, config, candles, t);
        state = stored(resumed.toState());
        continue;
      }
      state = stored(stepEngine(state, candles[t]!));
      expect(JSON.stringify(state)).toBe(JSON.stringify(reference.toState()));
    }
    // Not vacuous: the chain carried both FHS samples (LTV at the reaction time, LT at the volume horizon).
    expect(state.fhs).toHaveLength(2);
    expect(state.fhs[0]!.horizonHours).toBe(config.reactionHours);
  });

  it('computeRiskCycle from a checkpoint gives the record of computeRiskRecord on the whole history', () => {
    const candles = syntheticCandles({ seed: 9, hours: 24 * 45 });
    const config = testAssetConfig({});
    const cut = 24 * 30;
    const asOf = candles[candles.length - 1]![0] + HOUR_MS;
    const first = computeRiskCycle({
      inputs: { asset: 'X', asOf: candles[cut - 1]![0] + HOUR_MS, candles: candles.slice(0, cut), quality },
      config,
    });
    const whole = computeRiskRecord({
      inputs: { asset: 'X', asOf, candles, quality },
      config,
      previous: first.record.nextState,
    });
    const resumed = computeRiskCycle({
      inputs: { asset: 'X', asOf, candles: candles.slice(cut), quality },
      config,
      previous: first.record.nextState,
      checkpoint: stored(first.state),
    });
    const { inputsHash, checkpointHash, ...rest } = resumed.record;
    const { inputsHash: wholeInputsHash, ...wholeRest } = whole;
    expect(rest).toEqual(wholeRest);
    expect(checkpointHash).toMatch(/^[0-9a-f]{64}$/);
    expect(inputsHash).not.toBe(wholeInputsHash); // the inputs are the new candles only
  });

  it('refuses a checkpoint of other settings, another version, or candles not after it, naming the field', () => {
    const candles = syntheticCandles({ seed: 2, hours: 100 });
    const config = testAssetConfig({});
    const state = stepEngine(initialEngineState(config, modelSpecFor(MODEL_VERSION, config)), ...candles);
    expect(() => RiskSeries.fromState(state, { ...state.options, lambdaFast: 0.9 })).toThrow(
      /state\.options\.lambdaFast is 0\.97 but the configuration gives 0\.9/,
    );
    expect(() => stepEngine({ ...state, version: 'x' as EngineState['version'] }, candles[0]!)).toThrow(
      RiskInputError,
    );
    expect(() => stepEngine(state, candles[50]!)).toThrow(/candles\[100\]\.ts is .* not after candles\[99\]/);
    expect(() => stepEngine({ ...state, close: 'AAA' }, candles[0]!)).toThrow(
      /state\.close is not canonical base64/,
    );
  });
});
