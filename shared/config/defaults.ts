/**
 * Every default of the risk methodology and the pipeline, written once (docs/methodology.md).
 * Schemas in this folder read from here; docs quote from here.
 */
export const DEFAULTS = {
  /** Cycle period of the scheduled pipeline, in seconds. @default 300 */
  cyclePeriodSeconds: 300,
  /** Venue mid rejected when `|mid/median − 1|` exceeds this. @default 0.02 */
  maxDeviation: 0.02,
  /** Venue data older than this many cycle periods is stale. @default 2 */
  maxAgeCycles: 2,
  /** Depth band below the reference price: depth within `band` is the USD value of bids priced ≥ `(1 − band) × reference`. @default 0.02 */
  depthBand: 0.02,
  /** Minimum surviving venues; capped at the number configured. @default 3 */
  minVenues: 3,
  /** Fast EWMA decay, hourly. @default 0.97 */
  lambdaFast: 0.97,
  /** Slow EWMA decay, hourly: RiskMetrics 0.94 daily at hourly frequency. @default 0.94^(1/24) */
  lambdaSlow: Math.pow(0.94, 1 / 24),
  /** Confidence of the liquidation-threshold drop quantile. @default 0.99 */
  alphaLt: 0.99,
  /** Confidence of the LTV drop quantile (v1: 0.95). @default 0.9 */
  alphaLtv: 0.9,
  /** LT safety margin ε, in bp. @default 50 */
  epsilonBps: 50,
  /** Base liquidation horizon in hours. @default 24 */
  horizonBaseHours: 24,
  /** Horizon cap in hours. @default 168 */
  horizonMaxHours: 168,
  /** Participation rate ρ of hourly volume when liquidating. @default 0.1 */
  participation: 0.1,
  /** Borrower reaction time `H_react` for LTV, hours (v1: 24). @default 12 */
  reactionHours: 12,
  /** Square-root impact coefficient Y. @default 0.7 */
  impactY: 0.7,
  /** Days of candles for ADV and hourly volume. @default 30 */
  volumeWindowDays: 30,
  /** Minimum days of standardised drops before FHS replaces the Student-t fallback. @default 180 */
  fhsMinDays: 180,
  /** Student-t degrees of freedom of the fallback quantile. @default 4 */
  studentTNu: 4,
  /** Slippage above which new borrowing is frozen (LTV = 0). @default 0.10 */
  maxSlippage: 0.1,
  /** Liquidation fee added to the bonus, bp. @default 50 */
  liquidationFeeBps: 50,
  /** Gas buffer added to the bonus, bp. @default 25 */
  gasBufferBps: 25,
  /**
   * On-chain loosening step guard per update, bp: the contract rejects a larger loosening step, so the
   * engine never proposes one (v2; in v1 it was the engine's per-update loosening limit, 25 bp). The
   * same as the tightening step. @default 500
   */
  maxLoosenPerUpdateBps: 500,
  /** Loosening floor per day (v2: `maxLoosenPerDay · Δt / 24 h`; v1: limit per rolling 24 h), bp. @default 100 */
  maxLoosenPerDayBps: 100,
  /**
   * Half-life `h` with which the published value follows a looser target (docs/methodology.md §7),
   * hours; chosen among 6, 12, 24, 48 from the backtest (docs/model-validation.md). @default 12
   */
  loosenHalfLifeHours: 12,
  /** Tightening step limit per update, bp. @default 500 */
  maxTightenPerUpdateBps: 500,
  /** Publish when any parameter moved at least this much, bp. @default 10 */
  deviationBps: 10,
  /** Publish at least this often, seconds. @default 86400 */
  heartbeatSeconds: 86_400,
  /**
   * Governance bounds of a pair's LTV and LT (collateral C against debt D, docs/cross-asset.md), bp,
   * when the pair's config gives none: wider than an asset's against USD, since a correlated pair's
   * ratio moves far less. A pair's LB bounds default to its collateral's.
   * @default { ltv: [0, 9500], lt: [5000, 9700] }
   */
  pairBounds: { ltv: [0, 9500], lt: [5000, 9700] },
  /** Snapshot time-to-live in DynamoDB, days. @default 400 */
  snapshotTtlDays: 400,

  // ---- risk engine (docs/methodology.md §3–§7) ----
  /** Model version stamped on every record; bump it whenever a formula or a default changes. @default 'ballast-risk/2.0.0' */
  modelVersion: 'ballast-risk/2.0.0',
  /**
   * σ that scales the drop quantile (docs/methodology.md §3.6): `ewma` (v1), `har` or `max`; chosen
   * from the backtest (docs/model-validation.md). @default 'max'
   */
  volatilityModel: 'max',
  /** Days of daily realised variance before the HAR-RV fit replaces EWMA (fallback flagged). @default 120 */
  harMinDays: 120,
  /** Implied-volatility floor κ: `σ_margin ≥ κ · IV_hourly`; 0 = off (docs/methodology.md §3.7). @default 0 */
  impliedFloor: 0,
  /** Number of hourly returns whose mean square seeds both EWMA recursions. @default 24 */
  ewmaSeedReturns: 24,
  /** Days of candle history below which the asset lacks data (eligibility freeze). @default 90 */
  minHistoryDays: 90,
  /**
   * Anti-procyclicality mode (docs/methodology.md §3, EMIR RTS Art. 28): `buffer`, `stressWeight`, `floor` or `none`.
   * Chosen from the walk-forward backtest, see docs/model-validation.md. @default 'buffer'
   */
  apcMode: 'buffer',
  /** APC buffer `b` on the drop quantile (mode `buffer`; v1: 0.25), chosen from the backtest. @default 0.1 */
  apcBuffer: 0.1,
  /** APC stressed-volatility weight `w` (mode `stressWeight`). @default 0.25 */
  apcStressWeight: 0.25,
  /** APC long-run floor factor `f` (mode `floor`): `σ_margin ≥ f · σ_longrun`. @default 0.8 */
  apcFloorFactor: 0.8,
  /** Window of the rolling volatility whose trailing maximum is `σ_stress`, days. @default 7 */
  stressWindowDays: 7,
  /** Look-back over which the highest rolling volatility is taken for `σ_stress`, days. @default 365 */
  stressLookbackDays: 365,
  /** Half-spread proxy when no book is available (backtests on candles): full spread in bp. @default 5 */
  proxySpreadBps: 5,
  /** Range-based volatility disagreeing with EWMA by more than this factor raises a data-quality flag. @default 3 */
  rangeVolMaxRatio: 3,
  /** LT decreases larger than this (bp) are ramped when `ltRampHours` > 0 (Euler-style). @default 100 */
  ltRampThresholdBps: 100,
  /** Hours over which a large LT decrease is spread; 0 disables the ramp. @default 0 */
  ltRampHours: 0,
  /** Backtest: model horizon and breach-evaluation horizon, hours (docs/methodology.md §9 evaluates at 24 h). @default 24 */
  backtestHorizonHours: 24,
  /** Candles older than this before `asOf` make the cycle degraded (stale reference candles), hours. @default 2 */
  maxCandleAgeHours: 2,
} as const;
