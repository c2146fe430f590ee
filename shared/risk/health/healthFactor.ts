import type { HealthParams, HealthPosition, HealthPrices } from './types.js';

/** Default alert level: a position is warned when its health factor falls below it. @default 1.1 */
export const DEFAULT_ALERT_LEVEL = 1.1;

export interface HealthFactorParams {
  readonly position: HealthPosition;
  readonly prices: HealthPrices;
  readonly params: HealthParams;
}

export type HealthFactorResult =
  | {
      readonly kind: 'ok';
      /** Σ collateral·price·LT / Σ debt·price; `Infinity` without debt. Liquidatable below 1. */
      readonly hf: number;
      /** Σ collateral·price, USD. */
      readonly collateralUsd: number;
      /** Σ debt·price, USD. */
      readonly debtUsd: number;
      /** The pair whose LT was used (one collateral and one debt asset forming a configured pair). */
      readonly pair?: string;
    }
  /** An asset of the position has no price, or a collateral asset no LT: no health factor. */
  | { readonly kind: 'unknown'; readonly missing: readonly string[] };

/**
 * Health factor of one position (docs/methodology.md §11):
 * `HF = Σ_i collateral_i · price_i · LT_i / Σ_j debt_j · price_j`, LT as a fraction (bp / 10 000).
 * When the position holds exactly one collateral asset C and one debt asset D and `C/D` is a
 * configured pair, the pair's LT replaces C's: the ratio risk is what a pair LT prices.
 * Units: amounts in asset units, prices in USD per unit; the HF is dimensionless, ≥ 0. Pure.
 */
export function healthFactor({ position, prices, params }: HealthFactorParams): HealthFactorResult {
  const collateral = Object.entries(position.collateral).filter(([, amount]) => amount > 0);
  const debt = Object.entries(position.debt).filter(([, amount]) => amount > 0);
  const missing: string[] = [];
  const priceOf = (asset: string): number => {
    const price = prices[asset];
    if (price === undefined || !Number.isFinite(price) || price <= 0) {
      missing.push(asset);
      return 0;
    }
    return price;
  };
  const pairId =
    collateral.length === 1 && debt.length === 1
      ? `${(collateral[0] as [string, number])[0]}/${(debt[0] as [string, number])[0]}`
      : undefined;
  const pairLt = pairId === undefined ? undefined : params.pairLtBps?.[pairId];
  let collateralUsd = 0;
  let adjustedUsd = 0;
  for (const [asset, amount] of collateral) {
    const value = amount * priceOf(asset);
    const lt = pairLt ?? params.ltBps[asset];
    if (lt === undefined) missing.push(asset);
    collateralUsd += value;
    adjustedUsd += (value * (lt ?? 0)) / 10_000;
  }
  let debtUsd = 0;
  for (const [asset, amount] of debt) debtUsd += amount * priceOf(asset);
  if (missing.length > 0) return { kind: 'unknown', missing: [...new Set(missing)].sort() };
  return {
    kind: 'ok',
    hf: debtUsd === 0 ? Infinity : adjustedUsd / debtUsd,
    collateralUsd,
    debtUsd,
    ...(pairLt === undefined || pairId === undefined ? {} : { pair: pairId }),
  };
}
