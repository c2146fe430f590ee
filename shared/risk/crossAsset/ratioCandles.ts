import type { CandleLike } from './types.js';

export interface RatioCandlesParams {
  /** Collateral C's hourly USD candles, ascending. */
  readonly collateral: readonly CandleLike[];
  /** Debt D's hourly USD candles, ascending. */
  readonly debt: readonly CandleLike[];
}

export interface RatioCandlesResult {
  /**
   * Candles of `P_C / P_D` on the hours both have. Volume is C's USD volume expressed in ratio
   * units (`V_C · P_C / ratio close`), so volume × close is C's USD volume: the horizon and the
   * liquidity side of the model read the collateral's market.
   */
  readonly candles: [number, number, number, number, number, number][];
  /** Candles dropped because the other leg had no candle at that hour. */
  readonly droppedCollateral: number;
  readonly droppedDebt: number;
}

/**
 * The hourly series of a pair (docs/cross-asset.md): `P_C / P_D` on the hours where both the
 * collateral and the debt have a candle (an hour missing in either is dropped, never filled).
 * Open and close are exact ratios. The ratio's intra-hour extremes cannot be recovered from two
 * separate candles: high = `max(open, close, H_C / H_D)` and low = `min(open, close, L_C / L_D)`
 * (the ratio when both legs sit at the same extreme, exact for perfectly co-moving prices). Only the
 * range-based cross-check reads them; volatility, FHS and breaches use closes.
 * Units: units of D per unit of C. Range: positive for positive prices.
 */
export function ratioCandles({ collateral, debt }: RatioCandlesParams): RatioCandlesResult {
  const candles: [number, number, number, number, number, number][] = [];
  let i = 0;
  let j = 0;
  let droppedCollateral = 0;
  let droppedDebt = 0;
  while (i < collateral.length && j < debt.length) {
    const c = collateral[i]!;
    const d = debt[j]!;
    if (c[0] < d[0]) {
      droppedCollateral += 1;
      i += 1;
      continue;
    }
    if (d[0] < c[0]) {
      droppedDebt += 1;
      j += 1;
      continue;
    }
    const open = c[1] / d[1];
    const close = c[4] / d[4];
    const high = Math.max(open, close, c[2] / d[2]);
    const low = Math.min(open, close, c[3] / d[3]);
    candles.push([c[0], open, high, low, close, (c[5] * c[4]) / close]);
    i += 1;
    j += 1;
  }
  droppedCollateral += collateral.length - i;
  droppedDebt += debt.length - j;
  return { candles, droppedCollateral, droppedDebt };
}
