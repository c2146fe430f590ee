import type { HarRvState } from '../volatility/HarRv.js';
import type { FhsSampleState } from '../series/FhsSample.js';
import type { RiskSeriesOptions } from '../series/RiskSeries.js';

/** Version of the engine-state layout; bump it whenever a field or its meaning changes. */
export const ENGINE_STATE_VERSION = 'ballast-engine-state/1';

/**
 * Everything the estimators carry from one hour to the next for one asset (docs/methodology.md
 * §8.4), as one plain JSON value: `state(t+1) = stepEngine(state(t), candle(t+1))`. Hashable with
 * RFC 8785 (numbers are finite or null; columns of doubles are base64, `encodeF64`).
 *
 * Bounded parts: the last stress window of returns, the volume window, the Parkinson bars, the live
 * part of the σ_stress deque, the HAR-RV regressors. Growing parts (one value per hour): timestamps,
 * closes and model variances (FHS builds a horizon it has not seen before from them) and each FHS
 * sample (the expanding empirical quantile needs every z).
 */
export interface EngineState {
  readonly version: typeof ENGINE_STATE_VERSION;
  /** The estimator settings the state was built with; restoring under other settings is refused. */
  readonly options: Required<RiskSeriesOptions>;
  /** Candles pushed since the first. */
  readonly count: number;
  /** Missing hours between the first and the last candle. */
  readonly gapHours: number;
  readonly returnsSeen: number;
  readonly seedSumSq: number;
  /** EWMA variances (null before seeding), sum of all r². */
  readonly fast: number | null;
  readonly slow: number | null;
  readonly sumSqAll: number;
  /** Last candle's HAR-RV variance (null: none) and fallback flag. */
  readonly lastVarHar: number | null;
  readonly lastHarFallback: boolean;
  /** Full columns, base64 float64: candle open times, closes, model variances. */
  readonly ts: string;
  readonly close: string;
  readonly varModel: string;
  /** Tails, base64 float64, oldest first: returns (stress window), USD volumes (volume window), ln(H/L)² (Parkinson bars). */
  readonly ret: string;
  readonly volumeUsd: string;
  readonly rangeSq: string;
  /** σ_stress deque (live part): open times and rolling volatilities, decreasing volatility. */
  readonly stressTs: string;
  readonly stressVol: string;
  readonly har: HarRvState | null;
  /** FHS samples by horizon, each with its z values ascending (base64 float64). */
  readonly fhs: readonly (FhsSampleState & { readonly z: string })[];
}
