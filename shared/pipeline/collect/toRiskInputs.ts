import type { MarketSnapshot } from '../../market/types.js';
import { HOUR_MS } from '../../core/time.js';
import { sellSlippage } from '../../core/sellSlippage.js';
import type { RiskInputs } from '../../risk/types.js';

/**
 * The engine's inputs for one cycle, from a market snapshot. The consolidated bids are cut to the
 * levels the engine reads: the liquidation walk's (sellSlippage's `levelsRead`, the same walk on the
 * same numbers as the engine's, so the cut book walks to the same slippage bit for bit). The depth
 * within 2 % is an input of its own (`depth2PctUsd`, from the whole book at collect), so the band's
 * levels below the fill are not kept (docs/architecture.md, "Inputs are stored exactly").
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
  const { levelsRead } = sellSlippage({ bids: snapshot.bids, referencePrice, sizeUsd: liquidationSizeUsd });
  return {
    asset: snapshot.asset,
    asOf,
    candles,
    book: {
      referencePrice,
      bids: snapshot.bids.slice(0, levelsRead),
      bestBid,
      bestAsk,
      depth2PctUsd: snapshot.depth2PctUsd,
    },
    quality,
    ...iv,
  };
}
