import { DEFAULTS } from '../config/defaults.js';
import { computeRiskCycle } from './computeRiskCycle.js';
import type { ComputeRiskRecordParams, RiskRecord } from './types.js';

/** The model version stamped on every record (changes with any formula or default). */
export const MODEL_VERSION: string = DEFAULTS.modelVersion;

/**
 * Computes one asset's risk record for one cycle from its whole candle history
 * (docs/methodology.md §3–§8): computeRiskCycle without a checkpoint, keeping the record only. Pure:
 * the same (inputs, config, previous) give a byte-identical record.
 *
 * `modelVersion` selects the engine of a released version (default: this release's); `ballast verify`
 * passes the version a record names, so records of every released version keep recomputing.
 * @throws RiskInputError for unusable inputs (unsorted or duplicate candles, non-finite values, bad asOf).
 */
export function computeRiskRecord(params: ComputeRiskRecordParams): RiskRecord {
  return computeRiskCycle(params).record;
}
