import { HOUR_MS } from '../../core/time.js';
import type { Level } from '../../core/types.js';
import type { RiskBook, RiskInputs } from '../types.js';
import { CrossAssetInputError } from './errors.js';
import { ratioCandles } from './ratioCandles.js';

export interface PairRiskInputsParams {
  /** Pair id, `C/D`: the `asset` of the result. */
  readonly pair: string;
  /** The collateral C's engine inputs of this cycle (USD). */
  readonly collateral: RiskInputs;
  /** The debt D's engine inputs of this cycle (USD). */
  readonly debt: RiskInputs;
}

/**
 * The engine inputs of a pair for one cycle, derived from its legs' inputs of the same cycle
 * without reading any venue again (docs/cross-asset.md §2):
 *
 * - `asOf` = the earlier of the legs' `asOf` (both legs' candles must have closed);
 * - candles = `ratioCandles(C, D)` up to that `asOf`: `P_C / P_D` on the hours both legs have,
 *   volume such that volume × close is C's USD volume;
 * - book = C's consolidated book re-expressed in units of D: every price divided by D's reference
 *   price `P_D`, every size multiplied by it. Each level keeps its USD notional and its distance
 *   from the reference, so the walk of the liquidation size costs exactly C's slippage, and the
 *   depth within 2 % is C's USD depth. No book when either leg has none (the engine then uses the
 *   square-root proxy);
 * - quality: degraded when either leg is, with each leg's reasons prefixed by its name;
 * - no implied volatility (no venue quotes one for a ratio).
 *
 * Pure. Units: the ratio is units of D per unit of C.
 * @throws CrossAssetInputError when the legs are the same asset or the id does not name them.
 */
export function pairRiskInputs({ pair, collateral, debt }: PairRiskInputsParams): RiskInputs {
  if (pair !== `${collateral.asset}/${debt.asset}` || collateral.asset === debt.asset)
    throw new CrossAssetInputError(
      `pair: "${pair}" with collateral inputs of "${collateral.asset}" and debt inputs of "${debt.asset}"; expected the id COLLATERAL/DEBT of two different assets`,
    );
  const asOf = Math.min(collateral.asOf, debt.asOf);
  const closedBy = (c: readonly number[]): boolean => c[0]! + HOUR_MS <= asOf;
  const { candles } = ratioCandles({
    collateral: collateral.candles.filter(closedBy),
    debt: debt.candles.filter(closedBy),
  });
  const reasons = [
    ...collateral.quality.reasons.map((r) => `${collateral.asset}: ${r}`),
    ...debt.quality.reasons.map((r) => `${debt.asset}: ${r}`),
  ];
  const quality = { degraded: collateral.quality.degraded || debt.quality.degraded, reasons };
  const book = pairBook(collateral.book, debt.book);
  return { asset: pair, asOf, candles, ...(book === undefined ? {} : { book }), quality };
}

/** C's book in units of D (prices ÷ P_D, sizes × P_D), or undefined without both legs' books. */
function pairBook(collateral: RiskBook | undefined, debt: RiskBook | undefined): RiskBook | undefined {
  if (collateral === undefined || debt === undefined || !(debt.referencePrice > 0)) return undefined;
  const k = debt.referencePrice;
  const bids: Level[] = collateral.bids.map(([price, size]) => [price / k, size * k]);
  return {
    referencePrice: collateral.referencePrice / k,
    bids,
    bestBid: collateral.bestBid / k,
    bestAsk: collateral.bestAsk / k,
    ...(collateral.depth2PctUsd === undefined ? {} : { depth2PctUsd: collateral.depth2PctUsd }),
  };
}
