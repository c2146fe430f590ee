import { alignCloses } from '../risk/crossAsset/alignCloses.js';
import { alignedVolatility } from '../risk/crossAsset/alignedVolatility.js';
import { CROSS_ASSET_DEFAULTS } from '../risk/crossAsset/crossAssetDefaults.js';
import { portfolioDropQuantile } from '../risk/crossAsset/portfolioDropQuantile.js';
import { portfolioMargin, type PortfolioMarginResult } from '../risk/crossAsset/portfolioMargin.js';
import type { CandleLike } from '../risk/crossAsset/types.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../risk/provenance/hashSchemes.js';
import { PortfolioInputError } from './errors.js';
import { CASH_ASSETS, type Position } from './positionSchema.js';

/** One asset's own (isolated, against USD) parameters, from its latest record. */
export interface IsolatedAssetRisk {
  /** Liquidation threshold against USD, bp. */
  readonly ltBps: number;
  /** Liquidation slippage of selling Q, fraction. */
  readonly slip: number;
}

export interface PortfolioOptions {
  /** @default CROSS_ASSET_DEFAULTS.portfolioAlpha */
  readonly alpha: number;
  /** @default CROSS_ASSET_DEFAULTS.portfolioHorizonHours */
  readonly horizonHours: number;
  /** @default CROSS_ASSET_DEFAULTS.portfolioLambda */
  readonly lambda: number;
  readonly seedCount: number;
  /** @default CROSS_ASSET_DEFAULTS.portfolioScenarioStride */
  readonly stride: number;
  /** @default CROSS_ASSET_DEFAULTS.portfolioMinScenarios */
  readonly minScenarios: number;
  /** LT safety margin ε, bp (the engine's). */
  readonly epsilonBps: number;
  readonly neighbours: number;
}

export const DEFAULT_PORTFOLIO_OPTIONS: PortfolioOptions = {
  alpha: CROSS_ASSET_DEFAULTS.portfolioAlpha,
  horizonHours: CROSS_ASSET_DEFAULTS.portfolioHorizonHours,
  lambda: CROSS_ASSET_DEFAULTS.portfolioLambda,
  seedCount: CROSS_ASSET_DEFAULTS.corrSeedReturns,
  stride: CROSS_ASSET_DEFAULTS.portfolioScenarioStride,
  minScenarios: CROSS_ASSET_DEFAULTS.portfolioMinScenarios,
  epsilonBps: 50,
  neighbours: CROSS_ASSET_DEFAULTS.contributionNeighbours,
};

export interface EvaluatePortfolioParams {
  readonly position: Position;
  /** Hourly USD reference candles of every non-cash asset of the position. */
  readonly candles: Readonly<Record<string, readonly CandleLike[]>>;
  /** Each non-cash collateral asset's isolated parameters. */
  readonly isolated: Readonly<Record<string, IsolatedAssetRisk>>;
  /** Evaluation time (ms UTC): candles closed by then; absent = the last common hour. */
  readonly asOf?: number;
  readonly options?: Partial<PortfolioOptions>;
}

export interface PortfolioResult extends PortfolioMarginResult {
  readonly name: string | null;
  readonly modelVersion: string;
  /** Close time (ms UTC) of the last synchronous hour used. */
  readonly asOf: number;
  /** Prices used (USD, last synchronous close), cash at 1. */
  readonly prices: Readonly<Record<string, number>>;
  /** USD value per asset, each side. */
  readonly collateralUsd: Readonly<Record<string, number>>;
  readonly debtUsd: Readonly<Record<string, number>>;
  /** Portfolio drop quantile over H (fraction) and the number of historical scenarios. */
  readonly q: number;
  readonly scenarios: number;
  /** Start time (ms UTC) of the quantile scenario. */
  readonly quantileScenarioStart: number | null;
  /** Each asset's USD share of the loss around the quantile scenario. */
  readonly contributions: Readonly<Record<string, number>>;
  readonly parameters: PortfolioOptions;
  /** SHA-256 of the canonical JSON of the inputs (position, isolated parameters, candle span). */
  readonly inputsHash: string;
}

const isCash = (asset: string): boolean => (CASH_ASSETS as readonly string[]).includes(asset);

/**
 * Portfolio margin of one position (docs/cross-asset.md): values the position at the last
 * synchronous close, computes the multivariate FHS drop quantile of its collateral-to-debt ratio
 * over H, and compares the required collateral under portfolio margin with isolated margin (each
 * collateral at its own LT against USD). Pure: no clock, I/O or randomness.
 * @throws PortfolioInputError when an asset has no candles or no isolated parameters, there are too
 *   few synchronous hours for `minScenarios` scenarios, or a σ is not yet known.
 */
export function evaluatePortfolio(params: EvaluatePortfolioParams): PortfolioResult {
  const options: PortfolioOptions = { ...DEFAULT_PORTFOLIO_OPTIONS, ...params.options };
  const { position } = params;
  const assetsUsed = [...new Set([...Object.keys(position.collateral), ...Object.keys(position.debt)])]
    .filter((a) => !isCash(a))
    .sort();
  for (const asset of assetsUsed)
    if (params.candles[asset] === undefined || params.candles[asset].length === 0)
      throw new PortfolioInputError(
        `${position.collateral[asset] === undefined ? 'debt' : 'collateral'}.${asset}: no candles for "${asset}"; allowed assets: ${[...Object.keys(params.candles), ...CASH_ASSETS].join(', ')}`,
      );
  for (const asset of Object.keys(position.collateral))
    if (!isCash(asset) && params.isolated[asset] === undefined)
      throw new PortfolioInputError(`collateral.${asset}: no isolated parameters (record) for "${asset}"`);
  const cashCollateral = Object.entries(position.collateral)
    .filter(([a]) => isCash(a))
    .reduce((s, [, x]) => s + x, 0);
  const cashDebt = Object.entries(position.debt)
    .filter(([a]) => isCash(a))
    .reduce((s, [, x]) => s + x, 0);
  if (assetsUsed.length === 0)
    throw new PortfolioInputError(
      'collateral: only cash on both sides; portfolio margin needs at least one priced asset',
    );
  const aligned = alignCloses({
    candles: Object.fromEntries(assetsUsed.map((a) => [a, params.candles[a]!])),
    ...(params.asOf === undefined ? {} : { asOf: params.asOf }),
  });
  const n = aligned.ts.length;
  if (n === 0)
    throw new PortfolioInputError(`candles: the assets ${assetsUsed.join(', ')} have no common hour`);
  const at = n - 1;
  const sigma = alignedVolatility({ aligned, lambda: options.lambda, seedCount: options.seedCount });
  const prices: Record<string, number> = {};
  aligned.assets.forEach((a, i) => (prices[a] = aligned.close[i]![at]!));
  const collateral = aligned.assets.map((a) => (position.collateral[a] ?? 0) * prices[a]!);
  const debt = aligned.assets.map((a) => (position.debt[a] ?? 0) * prices[a]!);
  const fhs = portfolioDropQuantile({
    aligned,
    sigma,
    exposure: { collateral, debt, collateralUsd: cashCollateral, debtUsd: cashDebt },
    at,
    horizonHours: options.horizonHours,
    alpha: options.alpha,
    stride: options.stride,
    neighbours: options.neighbours,
  });
  if (fhs.q === null || fhs.scenarios < options.minScenarios)
    throw new PortfolioInputError(
      `candles: ${fhs.scenarios} historical scenarios for ${assetsUsed.join(', ')} (${n} common hours); at least ${options.minScenarios} are needed`,
      { fix: 'supply more common history for these assets' },
    );
  const margin = portfolioMargin({
    assets: aligned.assets,
    collateral,
    debt,
    collateralUsd: cashCollateral,
    debtUsd: cashDebt,
    isolatedLt: aligned.assets.map((a) => (params.isolated[a]?.ltBps ?? 0) / 10_000),
    slip: aligned.assets.map((a) => params.isolated[a]?.slip ?? 0),
    q: fhs.q,
    epsilon: options.epsilonBps / 10_000,
    contributions: fhs.contributions,
  });
  for (const cash of CASH_ASSETS) if (position.collateral[cash] ?? position.debt[cash]) prices[cash] = 1;
  const byAsset = (values: readonly number[], cash: Readonly<Record<string, number>>) => ({
    ...Object.fromEntries(aligned.assets.map((a, i) => [a, values[i]!]).filter(([, v]) => (v as number) > 0)),
    ...Object.fromEntries(Object.entries(cash).filter(([a]) => isCash(a))),
  });
  const asOf = aligned.ts[at]! + 3_600_000;
  return {
    name: position.name ?? null,
    modelVersion: CROSS_ASSET_DEFAULTS.modelVersion,
    asOf,
    prices,
    collateralUsd: byAsset(collateral, position.collateral),
    debtUsd: byAsset(debt, position.debt),
    q: fhs.q,
    scenarios: fhs.scenarios,
    quantileScenarioStart: fhs.quantileStart,
    contributions: Object.fromEntries(aligned.assets.map((a, i) => [a, fhs.contributions[i]!])),
    ...margin,
    parameters: options,
    inputsHash: hashCanonical(
      {
        position,
        isolated: Object.fromEntries(
          assetsUsed.filter((a) => params.isolated[a]).map((a) => [a, params.isolated[a]]),
        ),
        hours: { first: aligned.ts[0]!, last: aligned.ts[at]!, count: n },
        closes: prices,
      },
      CURRENT_HASH_SCHEME,
    ),
  };
}
