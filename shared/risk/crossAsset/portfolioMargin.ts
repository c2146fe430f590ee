import { CrossAssetInputError } from './errors.js';

export interface PortfolioMarginParams {
  /** Asset ids, the index of every array below. */
  readonly assets: readonly string[];
  /** USD value of each collateral asset (≥ 0). */
  readonly collateral: readonly number[];
  /** USD value of each debt asset (≥ 0). */
  readonly debt: readonly number[];
  /** Collateral and debt held in USD (stablecoins). @default 0 */
  readonly collateralUsd?: number;
  readonly debtUsd?: number;
  /** Each asset's own liquidation threshold against USD, fraction in [0, 1] (isolated margin). USD collateral counts at 1. */
  readonly isolatedLt: readonly number[];
  /** Each asset's liquidation slippage, fraction in [0, 1] (USD collateral has none). */
  readonly slip: readonly number[];
  /** Portfolio drop quantile of the collateral-to-debt ratio over H (portfolioDropQuantile), fraction. */
  readonly q: number;
  /** Safety margin ε of the LT formula, fraction. */
  readonly epsilon: number;
  /** Each asset's share of the fall around the quantile scenario, USD (portfolioDropQuantile). */
  readonly contributions: readonly number[];
}

export interface PortfolioMarginResult {
  readonly collateralValue: number;
  readonly debtValue: number;
  /** Collateral-weighted LT under isolated margin: `Σ c_a LT_a / C`. */
  readonly isolatedLt: number;
  /** Portfolio LT: `(1 − q)(1 − slip_C) − ε`, floored at 0; slip_C the collateral-weighted slippage. */
  readonly portfolioLt: number;
  /** Health factors `C · LT / D` (docs/cross-asset.md); null without debt (infinite). */
  readonly healthIsolated: number | null;
  readonly healthPortfolio: number | null;
  /** Collateral value (USD, same composition) at which the health factor is 1: `D / LT`; null if LT is 0 with debt. */
  readonly requiredIsolated: number | null;
  readonly requiredPortfolio: number | null;
  /** `requiredIsolated − requiredPortfolio`, USD (negative: portfolio margin asks for more); null if either is null. */
  readonly diversificationCredit: number | null;
  /** `1 − requiredPortfolio / requiredIsolated`; null likewise or without debt. */
  readonly diversificationCreditShare: number | null;
  /** The asset with the largest positive contribution to the quantile loss; null when none loses. */
  readonly dominantAsset: string | null;
}

/**
 * Isolated against portfolio margin for one position (docs/cross-asset.md).
 * Isolated: every collateral asset counts at its own LT against USD (an Aave-style health factor);
 * portfolio: the whole position at the LT of its multivariate FHS drop quantile,
 * `LT_pf = (1 − q)(1 − Σ c_a slip_a / C) − ε`. Required collateral is what the same mix must be
 * worth for HF = 1, `D / LT`; the diversification credit is what portfolio margin saves on it.
 * Units: USD, fractions. Valid: non-negative finite values; LTs and slippages in [0, 1].
 * @throws CrossAssetInputError naming the field on a length mismatch or a value out of range.
 */
export function portfolioMargin(params: PortfolioMarginParams): PortfolioMarginResult {
  const { assets, collateral, debt, isolatedLt, slip, q, epsilon, contributions } = params;
  const k = assets.length;
  for (const [name, arr] of [
    ['collateral', collateral],
    ['debt', debt],
    ['isolatedLt', isolatedLt],
    ['slip', slip],
    ['contributions', contributions],
  ] as const)
    if (arr.length !== k)
      throw new CrossAssetInputError(`${name}: ${arr.length} entries, expected one per asset (${k})`);
  for (let a = 0; a < k; a++) {
    for (const [name, arr, max] of [
      ['collateral', collateral, Number.POSITIVE_INFINITY],
      ['debt', debt, Number.POSITIVE_INFINITY],
      ['isolatedLt', isolatedLt, 1],
      ['slip', slip, 1],
    ] as const)
      if (!(arr[a]! >= 0 && arr[a]! <= max && Number.isFinite(arr[a]!)))
        throw new CrossAssetInputError(
          `${name}.${assets[a]}: ${arr[a]} is not allowed; expected a finite number in [0, ${max}]`,
        );
  }
  if (!(q >= 0 && q <= 1))
    throw new CrossAssetInputError(`q: ${q} is not allowed; expected a fraction in [0, 1]`);
  if (!(epsilon >= 0 && epsilon < 1))
    throw new CrossAssetInputError(`epsilon: ${epsilon} is not allowed; expected a fraction in [0, 1)`);
  const cUsd = params.collateralUsd ?? 0;
  const dUsd = params.debtUsd ?? 0;
  const collateralValue = collateral.reduce((s, x) => s + x, cUsd);
  const debtValue = debt.reduce((s, x) => s + x, dUsd);
  if (!(collateralValue > 0))
    throw new CrossAssetInputError('collateral: the position holds no collateral; expected a total > 0');
  let ltWeighted = cUsd;
  let slipWeighted = 0;
  for (let a = 0; a < k; a++) {
    ltWeighted += collateral[a]! * isolatedLt[a]!;
    slipWeighted += collateral[a]! * slip[a]!;
  }
  const isolatedLtEff = ltWeighted / collateralValue;
  const portfolioLt = Math.max(0, (1 - q) * (1 - slipWeighted / collateralValue) - epsilon);
  const health = (lt: number): number | null => (debtValue > 0 ? (collateralValue * lt) / debtValue : null);
  const required = (lt: number): number | null => (debtValue === 0 ? 0 : lt > 0 ? debtValue / lt : null);
  const requiredIsolated = required(isolatedLtEff);
  const requiredPortfolio = required(portfolioLt);
  const credit =
    requiredIsolated === null || requiredPortfolio === null ? null : requiredIsolated - requiredPortfolio;
  let dominantAsset: string | null = null;
  let top = 0;
  for (let a = 0; a < k; a++)
    if (contributions[a]! > top) {
      top = contributions[a]!;
      dominantAsset = assets[a]!;
    }
  return {
    collateralValue,
    debtValue,
    isolatedLt: isolatedLtEff,
    portfolioLt,
    healthIsolated: health(isolatedLtEff),
    healthPortfolio: health(portfolioLt),
    requiredIsolated,
    requiredPortfolio,
    diversificationCredit: credit,
    diversificationCreditShare:
      credit === null || requiredIsolated === null || requiredIsolated === 0
        ? null
        : credit / requiredIsolated,
    dominantAsset,
  };
}
