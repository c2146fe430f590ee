import type { AssetConfig } from '../../config/assetsConfig.js';
import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { squareRootSlippage } from '../../risk/liquidity/squareRootSlippage.js';

/**
 * The collateral's liquidation slippage at each of its candles, as the single-asset backtest of the
 * collateral computes it without a book (docs/methodology.md §5): the square-root law
 * `½ spread_proxy + Y · σ_fast √24 · √(Q / ADV)`, σ_fast the collateral's EWMA (λ_fast, seeded with
 * the mean square of its first returns, gaps per √hour) and ADV = 24 × mean USD volume per candle in
 * the trailing volume window. A pair is liquidated by selling the collateral, so this is the
 * slippage of the pair (docs/cross-asset.md). Element `t` belongs to the candle opening at `candles[t][0]`; NaN until
 * the EWMA is seeded. Units: fraction. Range: [0, 1] (1 without volume).
 */
export function collateralProxySlippage(candles: readonly Candle[], config: AssetConfig): Float64Array {
  const n = candles.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const seed = config.ewmaSeedReturns;
  const windowMs = config.volumeWindowDays * 24 * HOUR_MS;
  let variance = 0;
  let returns = 0;
  let volSum = 0;
  let start = 0;
  for (let t = 0; t < n; t++) {
    const c = candles[t]!;
    volSum += c[5] * c[4];
    while (candles[start]![0] <= c[0] - windowMs) {
      volSum -= candles[start]![5] * candles[start]![4];
      start += 1;
    }
    if (t === 0) continue;
    const prev = candles[t - 1]!;
    const g = (c[0] - prev[0]) / HOUR_MS;
    const x = Math.log(c[4] / prev[4]);
    const r = g === 1 ? x : x / Math.sqrt(g);
    returns += 1;
    if (returns <= seed) {
      variance += (r * r) / seed;
      if (returns < seed) continue;
    } else variance = config.lambdaFast * variance + (1 - config.lambdaFast) * r * r;
    const advUsd = (Math.max(0, volSum) / (t - start + 1)) * 24;
    out[t] = squareRootSlippage({
      spread: config.proxySpreadBps / 10_000,
      sigmaDaily: Math.sqrt(variance * 24),
      sizeUsd: config.liquidationSizeUsd,
      advUsd,
      impactY: config.impactY,
    });
  }
  return out;
}
