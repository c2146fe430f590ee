/**
 * Defaults of the cross-asset methodology (docs/cross-asset.md), each written once here.
 * They live beside the cross-asset code, not in `shared/config/defaults.ts`, because nothing else
 * reads them.
 */
export const CROSS_ASSET_DEFAULTS = {
  /** EWMA decay of the covariance of hourly returns, hourly (half-life ≈ 69 h). @default 0.99 */
  lambdaCorr: 0.99,
  /** Synchronous returns whose mean outer product seeds the EWMA covariance. @default 24 */
  corrSeedReturns: 24,
  /** Window of the rolling correlation behind the stressed correlation, hours (7 days). @default 168 */
  stressWindowHours: 168,
  /** How far back the stressed correlation looks for its highest window, hours (1 year). @default 8760 */
  stressLookbackHours: 8760,
  /** A rolling window counts only with at least this share of its hours present. @default 0.5 */
  stressMinCoverage: 0.5,
  /** The "moved most" comparison looks this far back, hours (7 days). @default 168 */
  movedLookbackHours: 168,
  /** Number of most-moved pairs reported. @default 5 */
  movedPairs: 5,
  /** Confidence of the portfolio drop quantile (as the LT's α). @default 0.99 */
  portfolioAlpha: 0.99,
  /** Portfolio liquidation horizon H, hours (as the single-asset backtests). @default 24 */
  portfolioHorizonHours: 24,
  /** EWMA decay of each asset's volatility in the multivariate FHS (the engine's λ_fast). @default 0.97 */
  portfolioLambda: 0.97,
  /** Historical start hours between two multivariate FHS scenarios (1 = every hour). @default 1 */
  portfolioScenarioStride: 1,
  /** Fewest scenarios the multivariate FHS accepts (30 days of hourly starts). @default 720 */
  portfolioMinScenarios: 720,
  /** Scenarios on each side of the quantile averaged for the risk contributions. @default 5 */
  contributionNeighbours: 5,
  /** Model version stamped on cross-asset results. @default 'ballast-cross/1.0.0' */
  modelVersion: 'ballast-cross/1.0.0',
} as const;
