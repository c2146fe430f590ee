/**
 * Every default of the risk methodology and the pipeline, written once (METHOD.md).
 * Schemas in this folder read from here; docs quote from here.
 */
export const DEFAULTS = {
  /** Cycle period of the scheduled pipeline, in seconds. @default 300 */
  cyclePeriodSeconds: 300,
  /** Venue mid rejected when `|mid/median − 1|` exceeds this. @default 0.02 */
  maxDeviation: 0.02,
  /** Venue data older than this many cycle periods is stale. @default 2 */
  maxAgeCycles: 2,
  /** Minimum surviving venues; capped at the number configured. @default 3 */
  minVenues: 3,
  /** Fast EWMA decay, hourly. @default 0.97 */
  lambdaFast: 0.97,
  /** Slow EWMA decay, hourly: RiskMetrics 0.94 daily at hourly frequency. @default 0.94^(1/24) */
  lambdaSlow: Math.pow(0.94, 1 / 24),
  /** Confidence of the liquidation-threshold drop quantile. @default 0.99 */
  alphaLt: 0.99,
  /** Confidence of the LTV drop quantile. @default 0.95 */
  alphaLtv: 0.95,
  /** LT safety margin ε, in bp. @default 50 */
  epsilonBps: 50,
  /** Base liquidation horizon in hours. @default 24 */
  horizonBaseHours: 24,
  /** Horizon cap in hours. @default 168 */
  horizonMaxHours: 168,
  /** Participation rate ρ of hourly volume when liquidating. @default 0.1 */
  participation: 0.1,
  /** Borrower reaction time for LTV, hours. @default 24 */
  reactionHours: 24,
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
  /** Loosening step limit per update, bp. @default 25 */
  maxLoosenPerUpdateBps: 25,
  /** Loosening limit per rolling 24 h, bp. @default 100 */
  maxLoosenPerDayBps: 100,
  /** Tightening step limit per update, bp. @default 500 */
  maxTightenPerUpdateBps: 500,
  /** Publish when any parameter moved at least this much, bp. @default 10 */
  deviationBps: 10,
  /** Publish at least this often, seconds. @default 86400 */
  heartbeatSeconds: 86_400,
  /** Snapshot time-to-live in DynamoDB, days. @default 400 */
  snapshotTtlDays: 400,
} as const;
