import { CrossAssetInputError } from './CrossAssetInputError.js';
import type { AlignedCloses, CandleLike } from './types.js';

const HOUR_MS = 3_600_000;

export interface AlignClosesParams {
  /** Hourly reference candles per asset, ascending by open time. */
  readonly candles: Readonly<Record<string, readonly CandleLike[]>>;
  /** Only candles closed by this time (open time + 1 h ≤ asOf) are used; absent = all. */
  readonly asOf?: number;
  /** Only candles opening at or after this time are used; absent = all. */
  readonly from?: number;
}

/**
 * The synchronous hours of several assets (docs/methodology.md §10): the open times at which every
 * asset has a candle, with each asset's close there. An hour missing for one asset is dropped for
 * all (never filled), so every later statistic compares the same hours.
 * Units: prices as given. Valid for ≥ 1 asset with positive finite closes.
 * @throws CrossAssetInputError when no asset is given, a close is not a positive finite number, or
 *   an asset's candles are not strictly ascending.
 */
export function alignCloses({ candles, asOf, from }: AlignClosesParams): AlignedCloses {
  const assets = Object.keys(candles).sort();
  if (assets.length === 0) throw new CrossAssetInputError('candles: no asset given; at least one is needed');
  const maps = assets.map((asset) => {
    const map = new Map<number, number>();
    let prev = Number.NEGATIVE_INFINITY;
    for (const c of candles[asset]!) {
      const ts = c[0];
      if (!(ts > prev))
        throw new CrossAssetInputError(
          `candles.${asset}: open time ${ts} is not after ${prev}; candles must be strictly ascending`,
        );
      prev = ts;
      if (asOf !== undefined && ts + HOUR_MS > asOf) continue;
      if (from !== undefined && ts < from) continue;
      const close = c[4];
      if (!(Number.isFinite(close) && close > 0))
        throw new CrossAssetInputError(
          `candles.${asset}: close ${close} at ${ts} is not allowed; closes must be positive finite numbers`,
        );
      map.set(ts, close);
    }
    return map;
  });
  const smallest = maps.reduce((a, b) => (b.size < a.size ? b : a));
  const ts = [...smallest.keys()].filter((t) => maps.every((m) => m.has(t))).sort((a, b) => a - b);
  const close = maps.map((m) => Float64Array.from(ts, (t) => m.get(t)!));
  return { assets, ts, close };
}
