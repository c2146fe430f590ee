import type { ImpliedVol } from '../core/types.js';
import type { AssetConfig } from '../config/assetsConfig.js';
import { applyControlLayer } from './control/applyControlLayer.js';
import { computeModel } from './model/computeModel.js';
import type { RiskSeries } from './series/RiskSeries.js';
import type { CycleScratch } from './engine/createCycleScratch.js';
import type { ModelSpec } from './version/modelSpecFor.js';
import type { PublishedState, RiskBook, RiskRecord } from './types.js';

export interface EvaluateCycleParams {
  readonly asset: string;
  readonly asOf: number;
  /** History up to the last complete candle at `asOf`. */
  readonly series: RiskSeries;
  readonly config: AssetConfig;
  readonly book: RiskBook | undefined;
  readonly quality: { readonly degraded: boolean; readonly reasons: readonly string[] };
  /** Implied volatility of the snapshot, if any (v2). */
  readonly impliedVol?: ImpliedVol | undefined;
  readonly previous: PublishedState | undefined;
  /** Engine behaviour of the model version (modelSpecFor). */
  readonly spec: ModelSpec;
  /** Build the reasons (docs/methodology.md §8); the backtest, which reads none, turns it off. @default true */
  readonly explain?: boolean;
  /** Run the range-volatility cross-check (a flag and intermediates only; computeModel). @default true */
  readonly rangeCheck?: boolean;
  /**
   * Objects to write the result into instead of new ones (createCycleScratch; the walk-forward
   * backtest passes one): the result is valid until the next call with the same scratch, its
   * `nextState` until the one after. @default none (fresh objects, as production)
   */
  readonly scratch?: CycleScratch;
}

/** The engine's part of a RiskRecord (the record adds its version, hashes and provenance). */
export type EvaluateCycleResult = Pick<
  RiskRecord,
  | 'intermediate'
  | 'flags'
  | 'raw'
  | 'target'
  | 'candidate'
  | 'published'
  | 'publish'
  | 'reasons'
  | 'nextState'
>;

/**
 * One cycle of the engine on a prepared series: model (docs/methodology.md §3–§6) then control layer (§7).
 * computeRiskRecord and the walk-forward backtest both call exactly this, so a backtest row and a
 * production record built from the same history and previous state are the same numbers.
 */
export function evaluateCycle(params: EvaluateCycleParams): EvaluateCycleResult {
  const { asset, asOf, series, config, book, quality, previous, spec, scratch } = params;
  const explain = params.explain ?? true;
  const model = computeModel({
    series,
    config,
    asOf,
    book,
    qualityDegraded: quality.degraded,
    qualityReasons: quality.reasons,
    previous,
    spec,
    impliedVol: params.impliedVol,
    explain,
    rangeCheck: params.rangeCheck ?? true,
    scratch,
  });
  const control = applyControlLayer({
    asset,
    asOf,
    target: model.target,
    previous,
    degraded: model.flags.degraded,
    frozen: model.flags.frozen,
    apc: model.apc,
    config,
    spec,
    explain,
    scratch,
  });
  const reasons = explain ? [...model.reasons, ...control.reasons] : model.reasons;
  const out = scratch?.cycle ?? null;
  if (out === null) {
    // A fresh result; with a scratch it is also the object every later cycle writes into.
    const fresh = {
      intermediate: model.intermediate,
      flags: model.flags,
      raw: model.raw,
      target: model.target,
      candidate: control.candidate,
      published: control.published,
      publish: control.publish,
      reasons,
      nextState: control.nextState,
    };
    if (scratch !== undefined) scratch.cycle = fresh;
    return fresh;
  }
  out.intermediate = model.intermediate;
  out.flags = model.flags;
  out.raw = model.raw;
  out.target = model.target;
  out.candidate = control.candidate;
  out.published = control.published;
  out.publish = control.publish;
  out.reasons = reasons;
  out.nextState = control.nextState;
  return out;
}
