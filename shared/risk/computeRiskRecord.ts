import { DEFAULTS } from '../config/defaults.js';
import { HOUR_MS } from '../core/time.js';
import { evaluateCycle } from './evaluateCycle.js';
import { hashCanonical } from './provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME, LEGACY_HASH_SCHEME } from './provenance/hashSchemes.js';
import { RiskInputError } from './RiskInputError.js';
import { createRiskSeries } from './series/createRiskSeries.js';
import type { ComputeRiskRecordParams, RiskRecord, RiskReason } from './types.js';
import { modelSpecFor } from './version/modelSpecFor.js';

/** The model version stamped on every record (changes with any formula or default). */
export const MODEL_VERSION: string = DEFAULTS.modelVersion;

/**
 * Computes one asset's risk record for one cycle (docs/methodology.md §3–§8). Pure: no clock, no randomness,
 * no I/O; the same (inputs, config, previous) give a byte-identical record.
 *
 * Candles whose hour has not closed by `asOf` are ignored (and say so in the reasons): the engine
 * never looks ahead. `previous` is the last record's `nextState` (absent for the first cycle).
 * `modelVersion` selects the engine of a released version (default: this release's); `ballast verify`
 * passes the version a record names, so records of every released version keep recomputing.
 * @throws RiskInputError for unusable inputs (unsorted or duplicate candles, non-finite values, bad asOf).
 */
export function computeRiskRecord({
  inputs,
  config,
  previous,
  modelVersion = MODEL_VERSION,
  hashScheme = CURRENT_HASH_SCHEME,
}: ComputeRiskRecordParams): RiskRecord {
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
  const series = createRiskSeries(config, spec);
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
  return {
    modelVersion: spec.version,
    asset: inputs.asset,
    asOf: inputs.asOf,
    // Legacy (v1) records never named their scheme; recomputing one must give the same bytes.
    ...(hashScheme === LEGACY_HASH_SCHEME ? {} : { hashScheme }),
    configHash: hashCanonical(config, hashScheme),
    inputsHash: hashCanonical(inputs, hashScheme),
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
}
