import type { RiskBook } from '../../risk/types.js';

export interface SlippageBookParams {
  /** Reference price of the series the book is handed to. */
  readonly referencePrice: number;
  /** Slippage the walk must cost for `sizeUsd`, fraction in [0, 1). */
  readonly slip: number;
  /** Liquidation size Q, USD. */
  readonly sizeUsd: number;
}

/**
 * A one-level bid book whose walk for `sizeUsd` costs exactly `slip` (the whole size fills at
 * `reference · (1 − slip)`). It carries a liquidation cost computed elsewhere into the engine's book
 * path: the pair backtest hands the collateral's square-root-law slippage to the model of the ratio
 * series this way, as production hands the collateral's consolidated book. Spread 0: the proxy spread
 * is already inside `slip`. Units: the reference's. Valid: reference > 0, slip in [0, 1), Q > 0.
 */
export function slippageBook({ referencePrice, slip, sizeUsd }: SlippageBookParams): RiskBook {
  const price = referencePrice * (1 - slip);
  return {
    referencePrice,
    bids: [[price, (2 * sizeUsd) / price]],
    bestBid: referencePrice,
    bestAsk: referencePrice,
  };
}
