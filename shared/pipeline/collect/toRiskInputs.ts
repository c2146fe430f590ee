import { DEFAULTS } from '../../config/defaults.js';
import type { MarketSnapshot } from '../../market/types.js';
import { HOUR_MS } from '../../core/time.js';
import type { RiskInputs } from '../../risk/types.js';

/**
 * The engine's inputs for one cycle, from a market snapshot. The consolidated bids are cut to the
 * levels the engine can read — those within 2 % of the reference, and enough to fill the
 * liquidation size — so the stored inputs stay small yet recompute to the same record: slippage
 * walks no further than the fill and depth counts nothing below 98 % of the reference.
 */
export function toRiskInputs(snapshot: MarketSnapshot, liquidationSizeUsd: number): RiskInputs {
  const asOf = Math.floor(snapshot.ts / HOUR_MS) * HOUR_MS;
  const candles = snapshot.candles.filter(([openTime]) => openTime + HOUR_MS <= asOf);
  const quality = { degraded: snapshot.degraded, reasons: [...snapshot.reasons] };
  // Implied volatility is an engine input (docs/methodology.md §3.7), stored with the inputs.
  const iv = snapshot.impliedVol === undefined ? {} : { impliedVol: snapshot.impliedVol };
  const { referencePrice, bestBid, bestAsk } = snapshot;
  if (referencePrice === null || bestBid === null || bestAsk === null || snapshot.bids.length === 0) {
    return { asset: snapshot.asset, asOf, candles, quality, ...iv };
  }
  const floor = (1 - DEFAULTS.depthBand) * referencePrice;
  const sizeBase = liquidationSizeUsd / referencePrice;
  const bids = [];
  let cumulativeBase = 0;
  for (const level of snapshot.bids) {
    if (level[0] < floor && cumulativeBase >= sizeBase) break;
    bids.push(level);
    cumulativeBase += level[1];
  }
  return {
    asset: snapshot.asset,
    asOf,
    candles,
    book: { referencePrice, bids, bestBid, bestAsk, depth2PctUsd: snapshot.depth2PctUsd },
    quality,
    ...iv,
  };
}
