import type { ApcMode, AssetConfig, VolatilityModel } from '../config/assetsConfig.js';
import type { Candle, ImpliedVol, Level } from '../core/types.js';
import type { HashScheme } from './provenance/hashSchemes.js';

/** Consolidated book summary handed to the engine by market aggregation (docs/methodology.md §2, §5). */
export interface RiskBook {
  /** Reference price in USD (median of surviving venue mids). */
  readonly referencePrice: number;
  /** Consolidated bids in USD, best (highest) first. */
  readonly bids: readonly Level[];
  readonly bestBid: number;
  readonly bestAsk: number;
  /** USD value of bids priced ≥ 0.98 × reference; computed from `bids` when absent. */
  readonly depth2PctUsd?: number;
}

/** Everything one cycle of the engine reads for one asset. */
export interface RiskInputs {
  readonly asset: string;
  /** Observation time, ms UTC: the close of the last complete hourly candle. Candles closing after it are ignored. */
  readonly asOf: number;
  /** Reference hourly candles (open time ms), strictly ascending; gaps allowed. */
  readonly candles: readonly Candle[];
  /** Absent in backtests or when no venue book survived: slippage then uses the square-root proxy. */
  readonly book?: RiskBook;
  /** Data quality from market aggregation (quorum, staleness, ...). */
  readonly quality: { readonly degraded: boolean; readonly reasons: readonly string[] };
  /** Implied volatility, where a venue publishes one for the asset (v2; absent otherwise). */
  readonly impliedVol?: ImpliedVol;
}

/** The parameters the engine publishes, integer bp. */
export interface RiskParamsBps {
  /** Volatility index: annualised σ_fast, bp, rounded up. */
  readonly volIndexBps: number;
  /** Loan-to-value, bp, rounded down. */
  readonly ltvBps: number;
  /** Liquidation threshold, bp, rounded down. */
  readonly ltBps: number;
  /** Liquidation bonus, bp, rounded up. */
  readonly lbBps: number;
  /** Haircut = 10 000 − LTV, bp. */
  readonly haircutBps: number;
}

export type RateLimitedParam = 'ltv' | 'lt' | 'lb';

/**
 * State carried from one cycle to the next for one asset: what is on-chain, plus the control and
 * APC memory. Pass the previous record's `nextState` as `previous` every cycle (also when nothing
 * was published: the APC buffer evolves every cycle).
 */
export interface PublishedState {
  readonly asset: string;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  readonly haircutBps: number;
  /** ms UTC of the last publication (the `asOf` of the record that published). */
  readonly publishedAt: number;
  /** True while new borrowing is frozen (LTV = 0 by eligibility). */
  readonly frozen: boolean;
  /** Loosening steps published in the last 24 h per parameter: `[atMs, bps]`, for the daily limit. */
  readonly loosening: {
    readonly [P in RateLimitedParam]: ReadonlyArray<readonly [atMs: number, bps: number]>;
  };
  /** APC `buffer` memory: the published drop quantiles `q_pub,t−1` (null until the first cycle in buffer mode). */
  readonly apc: { readonly qLt: number | null; readonly qLtv: number | null };
  /** `asOf` of the cycle that produced this state. */
  readonly updatedAt: number;
  /**
   * v2 control path, unrounded bp: where the half-life loosening has brought each parameter (the
   * candidate is its conservative rounding). Absent in v1 states.
   */
  readonly control?: { readonly ltvBps: number; readonly ltBps: number; readonly lbBps: number };
}

export type ReasonStage = 'input' | 'quality' | 'model' | 'freeze' | 'bounds' | 'invariant' | 'control';

/** One structured reason: every clamp, limit, freeze and degraded decision leaves one. */
export interface RiskReason {
  readonly stage: ReasonStage;
  readonly code: string;
  readonly param?: RateLimitedParam | 'vi' | 'slip' | 'q';
  /** Value before the adjustment (bp for parameters). */
  readonly from?: number;
  /** Value after the adjustment (bp for parameters). */
  readonly to?: number;
  readonly detail: string;
}

export type SlipSource = 'book' | 'book+sqrt' | 'proxy';

/** Intermediate values of the model (docs/methodology.md §8), units in the field docs. Null when not computable. */
export interface RiskIntermediates {
  readonly candlesUsed: number;
  /** Hours from the first candle's open to `asOf`. */
  readonly historyHours: number;
  /** Missing hours inside the candle history. */
  readonly gapHours: number;
  /** Hourly EWMA volatility (λ_fast), per √hour. */
  readonly sigmaFast: number | null;
  /** Hourly EWMA volatility (λ_slow), per √hour, for context. */
  readonly sigmaSlow: number | null;
  /** Highest rolling stress-window volatility of the look-back (per √hour). */
  readonly sigmaStress: number | null;
  /** Volatility of all history (per √hour). */
  readonly sigmaLongRun: number | null;
  /** σ used by the drop quantile after the APC mode (per √hour). */
  readonly sigmaMargin: number | null;
  /** Parkinson range-based hourly volatility over the last 24 / 168 bars. */
  readonly rangeVol24h: number | null;
  readonly rangeVol168h: number | null;
  /** Liquidation horizon `H` in hours (real), and the whole hours used by FHS (`⌈H⌉`). */
  readonly horizonHours: number | null;
  readonly horizonHoursUsed: number | null;
  readonly reactionHours: number;
  /** Average hourly USD volume over the volume window, and ADV = 24 × that. */
  readonly hourlyVolumeUsd: number | null;
  readonly advUsd: number | null;
  /** Standardised drop quantiles k_α(H) for LT and LTV, and the number of z behind each. */
  readonly kLt: number | null;
  readonly kLtv: number | null;
  readonly zCountLt: number;
  readonly zCountLtv: number;
  /** Drop quantiles with σ_fast (no APC), with σ_margin, and after the APC buffer (what the parameters use). */
  readonly qLtNoApc: number | null;
  readonly qLtvNoApc: number | null;
  readonly qLt: number | null;
  readonly qLtv: number | null;
  /** Slippage of selling Q (fraction), its source, the relative spread used and depth within 2 % (USD). */
  readonly slip: number | null;
  readonly slipSource: SlipSource;
  readonly spread: number | null;
  readonly depth2PctUsd: number | null;
  readonly apcMode: ApcMode;
  /** v2: the volatility model, its σ (per √hour, what scales the drop quantile), the HAR-RV σ and the implied volatility per √hour. */
  readonly volatilityModel?: VolatilityModel;
  readonly sigmaModel?: number | null;
  readonly sigmaHar?: number | null;
  readonly impliedVolHourly?: number | null;
}

export interface RiskFlags {
  readonly fhsFallback: boolean;
  readonly sqrtExtrapolated: boolean;
  readonly frozen: boolean;
  readonly degraded: boolean;
  readonly rangeVolDisagreement: boolean;
  readonly insufficientHistory: boolean;
  /** v2: HAR-RV was asked for but had no usable forecast; EWMA used. */
  readonly harFallback?: boolean;
}

export type PublishReason = 'first' | 'deviation' | 'heartbeat' | 'freeze' | 'none';

export interface PublishDecision {
  readonly due: boolean;
  readonly reason: PublishReason;
  /** |candidate − on-chain| per parameter, bp. */
  readonly changeBps: { readonly [P in RateLimitedParam]: number };
}

/** One cycle's result for one asset: reproducible from (inputs, config, previous, model version). */
export interface RiskRecord {
  readonly modelVersion: string;
  readonly asset: string;
  readonly asOf: number;
  /**
   * The scheme of every hash in this record and of the record's own hash (docs/methodology.md §8).
   * Absent on records written before records named it: those use `ballast-v1-sha256` (hashSchemeOf).
   */
  readonly hashScheme?: HashScheme;
  /** hashCanonical(config, hashScheme) of the resolved asset config. */
  readonly configHash: string;
  /** hashCanonical(inputs, hashScheme). */
  readonly inputsHash: string;
  /**
   * hashCanonical(checkpoint, hashScheme) of the engine state the cycle started from
   * (docs/methodology.md §8.4); absent when the record was computed from the first candle.
   */
  readonly checkpointHash?: string;
  /** hashCanonical(previous, hashScheme), null without previous state. */
  readonly previousHash: string | null;
  readonly intermediate: RiskIntermediates;
  readonly flags: RiskFlags;
  /** Raw model: APC off, no bounds, no control layer (the calibration series). */
  readonly raw: RiskParamsBps;
  /** Configured APC, eligibility, governance bounds and invariants: what the control layer aims at. */
  readonly target: RiskParamsBps;
  /** Target after the control layer (rate limits, ramp, only-tighten): what is published if `publish.due`. */
  readonly candidate: RiskParamsBps;
  /** What is on-chain after this cycle: `candidate` if published, else the previous publication. */
  readonly published: RiskParamsBps;
  readonly publish: PublishDecision;
  readonly reasons: readonly RiskReason[];
  /** Pass as `previous` to the next cycle. */
  readonly nextState: PublishedState;
}

export interface ComputeRiskRecordParams {
  readonly inputs: RiskInputs;
  readonly config: AssetConfig;
  readonly previous?: PublishedState;
  /** Engine version to run (docs/methodology.md §8.3). @default DEFAULTS.modelVersion */
  readonly modelVersion?: string;
  /**
   * Scheme of the record's hashes; `verify` passes the stored record's own scheme.
   * @default CURRENT_HASH_SCHEME
   */
  readonly hashScheme?: HashScheme;
}
