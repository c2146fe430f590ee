import { HOUR_MS } from '../core/time.js';
import type { EngineState } from './engine/EngineState.js';
import { engineOptions } from './engine/engineOptions.js';
import { evaluateCycle } from './evaluateCycle.js';
import { hashCanonical } from './provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME, LEGACY_HASH_SCHEME } from './provenance/hashSchemes.js';
import { RiskInputError } from './errors.js';
import { RiskSeries } from './series/RiskSeries.js';
import type { ComputeRiskRecordParams, RiskRecord, RiskReason } from './types.js';
import { modelSpecFor } from './version/modelSpecFor.js';
import { DEFAULTS } from '../config/defaults.js';

export interface ComputeRiskCycleParams extends ComputeRiskRecordParams {
  /**
   * Engine state after the candles already seen (docs/methodology.md §8.4); `inputs.candles` are
   * then the new candles only, each after the checkpoint's last. Absent: `inputs.candles` is the
   * whole history from the first candle.
   */
  readonly checkpoint?: EngineState;
}

export interface ComputeRiskCycleResult {
  readonly record: RiskRecord;
  /** Engine state after the last candle closed by `asOf`: the next checkpoint. */
  readonly state: EngineState;
}

/**
 * One asset's cycle (docs/methodology.md §3–§8): the record and the engine state after it. Pure: no
 * clock, no randomness, no I/O; the same (checkpoint, inputs, config, previous) give byte-identical
 * results, and a cycle from a checkpoint gives the record a recomputation from the first candle
 * gives (only `inputsHash` and `checkpointHash` name different inputs).
 *
 * Candles whose hour has not closed by `asOf` are ignored (and say so in the reasons): the engine
 * never looks ahead. `previous` is the last record's `nextState` (absent for the first cycle).
 * @throws RiskInputError for unusable inputs (unsorted or duplicate candles, candles not after the
 * checkpoint, non-finite values, bad asOf, a checkpoint of other settings).
 */
export function computeRiskCycle({
  inputs,
  config,
  previous,
  checkpoint,
  modelVersion = DEFAULTS.modelVersion,
  hashScheme = CURRENT_HASH_SCHEME,
}: ComputeRiskCycleParams): ComputeRiskCycleResult {
  const spec = modelSpecFor(modelVersion, config);
  if (!Number.isSafeInteger(inputs.asOf) || inputs.asOf <= 0) {
    throw new RiskInputError(`inputs.asOf is ${inputs.asOf}; expected a positive integer ms UTC timestamp`);
  }
  if (previous !== undefined && previous.asset !== inputs.asset) {
    throw new RiskInputError(`previous.asset is "${previous.asset}" but inputs.asset is "${inputs.asset}"`, {
      fix: 'pass the previous state of the same asset',
    });
  }
  if (previous !== undefined && previous.updatedAt > inputs.asOf) {
    throw new RiskInputError(
      `previous.updatedAt ${previous.updatedAt} is after inputs.asOf ${inputs.asOf}; state cannot come from the future`,
    );
  }
  const options = engineOptions(config, spec);
  const series =
    checkpoint === undefined ? new RiskSeries(options) : RiskSeries.fromState(checkpoint, options);
  if (checkpoint !== undefined && series.length > 0 && series.lastTs + HOUR_MS > inputs.asOf)
    throw new RiskInputError(
      `checkpoint ends with the candle opening at ${series.lastTs}, which closes after inputs.asOf ${inputs.asOf}; a checkpoint cannot come from the future`,
    );
  let ignored = 0;
  for (const candle of inputs.candles) {
    if (candle[0] + HOUR_MS > inputs.asOf) {
      ignored += 1;
      continue;
    }
    series.push(candle);
  }
  const cycle = evaluateCycle({
    asset: inputs.asset,
    asOf: inputs.asOf,
    series,
    config,
    book: inputs.book,
    quality: inputs.quality,
    impliedVol: inputs.impliedVol,
    previous,
    spec,
  });
  const inputReasons: RiskReason[] =
    ignored === 0
      ? []
      : [
          {
            stage: 'input',
            code: 'incompleteCandlesIgnored',
            detail: `${ignored} candle(s) not closed by asOf were ignored`,
          },
        ];
  const record: RiskRecord = {
    modelVersion: spec.version,
    asset: inputs.asset,
    asOf: inputs.asOf,
    // Legacy (v1) records never named their scheme; recomputing one must give the same bytes.
    ...(hashScheme === LEGACY_HASH_SCHEME ? {} : { hashScheme }),
    configHash: hashCanonical(config, hashScheme),
    inputsHash: hashCanonical(inputs, hashScheme),
    ...(checkpoint === undefined ? {} : { checkpointHash: hashCanonical(checkpoint, hashScheme) }),
    previousHash: previous === undefined ? null : hashCanonical(previous, hashScheme),
    intermediate: cycle.intermediate,
    flags: cycle.flags,
    raw: cycle.raw,
    target: cycle.target,
    candidate: cycle.candidate,
    published: cycle.published,
    publish: cycle.publish,
    reasons: [...inputReasons, ...cycle.reasons],
    nextState: cycle.nextState,
  };
  return { record, state: series.toState() };
}
