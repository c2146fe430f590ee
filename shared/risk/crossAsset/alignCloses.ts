import { CrossAssetInputError } from './errors.js';
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
 * The synchronous hours of several assets (docs/cross-asset.md): the open times at which every
 * asset has a candle, with each asset's close there. An hour missing for one asset is dropped for
 * all (never filled), so every later statistic compares the same hours.
 * Units: prices as given. Valid for ≥ 1 asset with positive finite closes.
 * @throws CrossAssetInputError when no asset is given, a close is not a positive finite number, or
 *   an asset's candles are not strictly ascending.
 */
export function alignCloses({ candles, asOf, from }: AlignClosesParams): AlignedCloses {
  const assets = Object.keys(candles).sort();
  if (assets.length === 0) throw new CrossAssetInputError('candles: no asset given; at least one is needed');
  const series = assets.map((asset) => {
    const ts: number[] = [];
    const close: number[] = [];
    let prev = Number.NEGATIVE_INFINITY;
    for (const c of candles[asset]!) {
      const t = c[0];
      if (!(t > prev))
        throw new CrossAssetInputError(
          `candles.${asset}: open time ${t} is not after ${prev}; candles must be strictly ascending`,
        );
      prev = t;
      if (asOf !== undefined && t + HOUR_MS > asOf) continue;
      if (from !== undefined && t < from) continue;
      const x = c[4];
      if (!(Number.isFinite(x) && x > 0))
        throw new CrossAssetInputError(
          `candles.${asset}: close ${x} at ${t} is not allowed; closes must be positive finite numbers`,
        );
      ts.push(t);
      close.push(x);
    }
    return { ts, close };
  });
  // Intersection of sorted hour lists: one pointer per asset, O(n·k).
  const pointers = new Array<number>(assets.length).fill(0);
  const picked: number[][] = assets.map(() => []);
  const ts: number[] = [];
  const first = series[0]!;
  outer: for (let i = 0; i < first.ts.length; i++) {
    const t = first.ts[i]!;
    for (let a = 1; a < series.length; a++) {
      const s = series[a]!;
      let p = pointers[a]!;
      while (p < s.ts.length && s.ts[p]! < t) p += 1;
      pointers[a] = p;
      if (p >= s.ts.length) break outer;
      if (s.ts[p] !== t) continue outer;
    }
    ts.push(t);
    picked[0]!.push(i);
    for (let a = 1; a < series.length; a++) picked[a]!.push(pointers[a]!);
  }
  const close = series.map((s, a) => Float64Array.from(picked[a]!, (idx) => s.close[idx]!));
  return { assets, ts, close };
}
