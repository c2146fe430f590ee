import type { AssetConfig } from '../../config/assetsConfig.js';
import { applyApcBuffer } from '../apc/applyApcBuffer.js';
import { marginVolatility } from '../apc/marginVolatility.js';
import { dropQuantile } from '../quantile/dropQuantile.js';
import type { Mutable } from '../engine/createCycleScratch.js';
import type { PublishedState } from '../types.js';

export interface MarginDropQuantilesParams {
  readonly config: AssetConfig;
  /** σ of the volatility model (σ_fast for `ewma`), per √hour. */
  readonly sigma: number;
  /** Implied-volatility floor `κ · IV_hourly` on σ_margin (docs/methodology.md §3.7); null = off. */
  readonly sigmaFloor: number | null;
  readonly sigmaStress: number | null;
  readonly sigmaLongRun: number | null;
  readonly kLt: number;
  readonly kLtv: number;
  readonly horizonHours: number;
  readonly previousApc: PublishedState['apc'] | undefined;
}

export interface MarginDropQuantilesResult {
  /** σ after the APC mode, per √hour. */
  readonly sigmaMargin: number;
  /** Drop quantiles with the model σ (raw model, no APC). */
  readonly qLtNoApc: number;
  readonly qLtvNoApc: number;
  /** Drop quantiles with σ_margin and, in `buffer` mode, after the buffer. */
  readonly qLt: number;
  readonly qLtv: number;
  /** APC buffer memory after this cycle (`null` for both in other modes, or the previous memory). */
  readonly apc: PublishedState['apc'] | undefined;
}

/**
 * Drop quantiles `q_H(α) = 1 − exp(−k σ √H)` (docs/methodology.md §4) with σ_fast (raw) and with the
 * anti-procyclical σ_margin, then the APC buffer `q_pub,t = clamp(q_pub,t−1, q_raw, (1 + b) q_raw)`
 * in `buffer` mode (§3.5). Negative quantiles are floored at 0. With `out` (a cycle scratch), the
 * result, and in `buffer` mode its APC memory, are written into `out` and `out.ownApc` instead of new objects.
 */
export function marginDropQuantiles(
  params: MarginDropQuantilesParams,
  out?: Mutable<MarginDropQuantilesResult> & { readonly ownApc: { qLt: number | null; qLtv: number | null } },
): MarginDropQuantilesResult {
  const { config, sigma, kLt, kLtv, horizonHours, previousApc } = params;
  const reactionHours = config.reactionHours;
  const apcSigma = marginVolatility({
    mode: config.apcMode,
    sigmaFast: sigma,
    sigmaStress: params.sigmaStress,
    sigmaLongRun: params.sigmaLongRun,
    stressWeight: config.apcStressWeight,
    floorFactor: config.apcFloorFactor,
  });
  const sigmaMargin = params.sigmaFloor === null ? apcSigma : Math.max(apcSigma, params.sigmaFloor);
  const qLtNoApc = Math.max(0, dropQuantile(kLt, sigma, horizonHours));
  const qLtvNoApc = Math.max(0, dropQuantile(kLtv, sigma, reactionHours));
  let qLt = Math.max(0, dropQuantile(kLt, sigmaMargin, horizonHours));
  let qLtv = Math.max(0, dropQuantile(kLtv, sigmaMargin, reactionHours));
  let apc = previousApc;
  const buffer = config.apcMode === 'buffer';
  if (buffer) {
    qLt = applyApcBuffer(previousApc?.qLt ?? null, qLt, config.apcBuffer);
    qLtv = applyApcBuffer(previousApc?.qLtv ?? null, qLtv, config.apcBuffer);
    if (out === undefined) apc = { qLt, qLtv };
  }
  if (out === undefined) return { sigmaMargin, qLtNoApc, qLtvNoApc, qLt, qLtv, apc };
  out.sigmaMargin = sigmaMargin;
  out.qLtNoApc = qLtNoApc;
  out.qLtvNoApc = qLtvNoApc;
  out.qLt = qLt;
  out.qLtv = qLtv;
  if (buffer) {
    out.ownApc.qLt = qLt;
    out.ownApc.qLtv = qLtv;
    out.apc = out.ownApc;
  } else out.apc = previousApc;
  return out;
}
