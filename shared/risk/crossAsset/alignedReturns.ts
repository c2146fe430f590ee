import type { AlignedCloses, AlignedReturns } from './types.js';

const HOUR_MS = 3_600_000;

/**
 * Synchronous hourly-equivalent log returns of aligned closes (docs/methodology.md §3 and docs/cross-asset.md):
 * `r_a,t = ln(C_a,t / C_a,t−1) / √g` where `g` is the spacing in hours between the two synchronous
 * hours (1 without a gap). A gap is never filled with a zero return; the move across it counts once,
 * per √hour, exactly as the single-asset engine does, for every asset alike.
 * Units: per √hour. Range: finite reals; `n − 1` returns for `n` synchronous hours.
 */
export function alignedReturns(aligned: AlignedCloses): AlignedReturns {
  const n = aligned.ts.length;
  const ts = aligned.ts.slice(1);
  const returns = aligned.close.map((closes) => {
    const r = new Float64Array(Math.max(0, n - 1));
    for (let t = 1; t < n; t++) {
      const g = (aligned.ts[t]! - aligned.ts[t - 1]!) / HOUR_MS;
      const x = Math.log(closes[t]! / closes[t - 1]!);
      r[t - 1] = g === 1 ? x : x / Math.sqrt(g);
    }
    return r;
  });
  return { assets: aligned.assets, ts, returns };
}
