import type { Candle } from '../../core/types.js';

/** An hourly candle: the engine's `Candle` from shared/core (the name the cross-asset code uses). */
export type CandleLike = Candle;

/** Closes of several assets on the hours where every one of them has a candle. */
export interface AlignedCloses {
  /** Asset ids, sorted; the index of an asset in every array below. */
  readonly assets: readonly string[];
  /** Open times (ms UTC) of the synchronous hours, ascending. */
  readonly ts: readonly number[];
  /** `close[a][t]`: close of asset `a` in the candle opening at `ts[t]`. */
  readonly close: readonly Float64Array[];
}

/** Synchronous hourly-equivalent log returns (docs/methodology.md §3.1 gap rule) of several assets. */
export interface AlignedReturns {
  readonly assets: readonly string[];
  /** Open time of the candle at the end of each return. */
  readonly ts: readonly number[];
  /** `returns[a][t]`. */
  readonly returns: readonly Float64Array[];
}

/** A symmetric matrix indexed like `assets`. */
export type Matrix = readonly (readonly number[])[];
