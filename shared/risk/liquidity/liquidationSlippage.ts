import { DEFAULTS } from '../../config/defaults.js';
import { depthWithin } from '../../core/depthWithin.js';
import { sellSlippage } from '../../core/sellSlippage.js';
import type { RiskBook, SlipSource } from '../types.js';
import { squareRootSlippage } from './squareRootSlippage.js';

export interface LiquidationSlippageParams {
  /** Consolidated book; absent → square-root proxy (backtests on candles). */
  readonly book: RiskBook | undefined;
  readonly sizeUsd: number;
  readonly sigmaDaily: number;
  readonly advUsd: number;
  readonly impactY: number;
  /** Spread used by the proxy when there is no book (fraction). */
  readonly proxySpread: number;
}

export interface LiquidationSlippageResult {
  readonly slip: number;
  readonly source: SlipSource;
  /** Relative spread used (from the book, or the proxy). */
  readonly spread: number;
  readonly depth2PctUsd: number | null;
  /** True when the book was exhausted and the square-root law was used. */
  readonly sqrtExtrapolated: boolean;
}

/**
 * Slippage of selling Q USD (docs/methodology.md §5). With a book: walk the consolidated bids
 * (`1 − VWAP(Q)/reference`). If Q exceeds the visible book, the square-root law extrapolates; the
 * larger of the visible walk and the law is kept, since the walk over a truncated book is only a
 * lower bound. Without a book: the square-root law with a proxy spread.
 * Units: fraction. Range: [0, 1].
 */
export function liquidationSlippage({
  book,
  sizeUsd,
  sigmaDaily,
  advUsd,
  impactY,
  proxySpread,
}: LiquidationSlippageParams): LiquidationSlippageResult {
  if (book === undefined) {
    const slip = squareRootSlippage({ spread: proxySpread, sigmaDaily, sizeUsd, advUsd, impactY });
    return { slip, source: 'proxy', spread: proxySpread, depth2PctUsd: null, sqrtExtrapolated: false };
  }
  const mid = (book.bestBid + book.bestAsk) / 2;
  const spread = mid > 0 ? Math.max(0, (book.bestAsk - book.bestBid) / mid) : 0;
  const depth2PctUsd =
    book.depth2PctUsd ??
    depthWithin({ bids: book.bids, referencePrice: book.referencePrice, band: DEFAULTS.depthBand });
  const walk = sellSlippage({ bids: book.bids, referencePrice: book.referencePrice, sizeUsd });
  if (!walk.exhausted)
    return {
      slip: Math.min(1, walk.slippage),
      source: 'book',
      spread,
      depth2PctUsd,
      sqrtExtrapolated: false,
    };
  const law = squareRootSlippage({ spread, sigmaDaily, sizeUsd, advUsd, impactY });
  return {
    slip: Math.min(1, Math.max(walk.slippage, law)),
    source: 'book+sqrt',
    spread,
    depth2PctUsd,
    sqrtExtrapolated: true,
  };
}
