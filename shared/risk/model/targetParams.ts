import type { AssetConfig } from '../../config/assetsConfig.js';
import { liquidationBonus } from '../params/liquidationBonus.js';
import { liquidationThreshold } from '../params/liquidationThreshold.js';
import { loanToValue } from '../params/loanToValue.js';
import { toBps } from '../params/toBps.js';
import type { PublishedState, RiskParamsBps, RiskReason } from '../types.js';
import type { Mutable } from '../engine/createCycleScratch.js';
import { NO_REASONS } from './noReasons.js';

export interface TargetParamsParams {
  readonly config: AssetConfig;
  readonly volIndexBps: number;
  /** Slippage of selling Q (fraction); null when not computable. */
  readonly slip: number | null;
  /** Drop quantiles after the configured APC; null when not computable. */
  readonly qLt: number | null;
  readonly qLtv: number | null;
  /** Not enough history: eligibility freeze. */
  readonly insufficientHistory: boolean;
  readonly previous: PublishedState | undefined;
  /** Build the reasons (docs/methodology.md §8); the backtest, which reads none, turns it off. @default true */
  readonly explain?: boolean;
}

export interface TargetParamsResult {
  readonly target: RiskParamsBps;
  readonly frozen: boolean;
  readonly reasons: readonly RiskReason[];
}

/**
 * What the control layer steers towards (docs/methodology.md §6): LT and LB from the APC quantiles,
 * governance bounds (each clamp leaves a reason), the invariant `LT · (1 + LB) ≤ 1`, eligibility
 * (slippage above `maxSlippage` or missing data freezes new borrowing: LTV = 0, LT never raised),
 * then `LTV = LT · (1 − q_react)` within its bounds and `LTV ≤ LT`. With nothing computable the last
 * published LT/LB are kept, else the most conservative bounds. With `out` (a cycle scratch), the
 * result and its target are written into `out` and `out.target` instead of new objects.
 */
export function targetParams(
  params: TargetParamsParams,
  out?: Mutable<Omit<TargetParamsResult, 'target'>> & { readonly target: Mutable<RiskParamsBps> },
): TargetParamsResult {
  const { config, volIndexBps, slip, qLt, insufficientHistory, previous, explain = true } = params;
  const reasons: RiskReason[] | null = explain ? [] : null;
  const epsilon = config.epsilonBps / 10_000;
  const fee = config.liquidationFeeBps / 10_000;
  const gas = config.gasBufferBps / 10_000;
  // Indexed, not destructured (no iterator per call: this runs every backtest hour).
  const ltvMin = config.bounds.ltv[0];
  const ltvMax = config.bounds.ltv[1];
  const ltMin = config.bounds.lt[0];
  const ltMax = config.bounds.lt[1];
  const lbMin = config.bounds.lb[0];
  const lbMax = config.bounds.lb[1];
  let ltBps: number;
  let lbBps: number;
  let qLtvForLtv = params.qLtv;
  if (slip !== null && qLt !== null) {
    ltBps = toBps(Math.max(0, liquidationThreshold(qLt, slip, epsilon)), 'down');
    lbBps = toBps(liquidationBonus(slip, fee, gas), 'up');
  } else {
    // Nothing computable: keep the last published values, else the most conservative bounds.
    ltBps = previous?.ltBps ?? ltMin;
    lbBps = previous?.lbBps ?? lbMax;
    qLtvForLtv = null;
  }
  const lbClamped = Math.min(lbMax, Math.max(lbMin, lbBps));
  if (reasons !== null) clampReason(reasons, 'lb', lbBps, lbClamped, lbBps < lbMin ? 'Min' : 'Max');
  lbBps = lbClamped;
  const ltClamped = Math.min(ltMax, Math.max(ltMin, ltBps));
  if (reasons !== null) clampReason(reasons, 'lt', ltBps, ltClamped, ltBps < ltMin ? 'Min' : 'Max');
  ltBps = ltClamped;
  const ltCap = Math.floor(100_000_000 / (10_000 + lbBps));
  if (ltBps > ltCap) {
    reasons?.push({
      stage: 'invariant',
      code: 'ltTimesOnePlusLb',
      param: 'lt',
      from: ltBps,
      to: ltCap,
      detail: `LT·(1+LB) ≤ 1 with LB ${lbBps} bp caps LT at ${ltCap} bp`,
    });
    ltBps = ltCap;
  }

  let frozen = false;
  if (insufficientHistory || (slip !== null && slip > config.maxSlippage)) {
    frozen = true;
    if (slip !== null && slip > config.maxSlippage) {
      reasons?.push({
        stage: 'freeze',
        code: 'slippageAboveMax',
        param: 'ltv',
        detail: `slip(Q) ${(slip * 100).toFixed(2)} % > maxSlippage ${(config.maxSlippage * 100).toFixed(2)} %: new borrowing frozen`,
      });
    } else {
      reasons?.push({
        stage: 'freeze',
        code: 'missingData',
        param: 'ltv',
        detail: 'not enough data to compute: new borrowing frozen',
      });
    }
    if (previous !== undefined && previous.ltBps < ltBps) {
      reasons?.push({
        stage: 'freeze',
        code: 'ltNeverRaisedWhileFrozen',
        param: 'lt',
        from: ltBps,
        to: previous.ltBps,
        detail: 'frozen: LT keeps its last value and is never raised',
      });
      ltBps = previous.ltBps;
    }
  }
  let ltvBps = 0;
  if (!frozen && qLtvForLtv !== null) {
    const modelLtv = toBps(loanToValue(ltBps / 10_000, qLtvForLtv), 'down');
    ltvBps = Math.min(ltvMax, Math.max(ltvMin, modelLtv));
    if (ltvBps !== modelLtv)
      reasons?.push({
        stage: 'bounds',
        code: modelLtv > ltvMax ? 'ltvMax' : 'ltvMin',
        param: 'ltv',
        from: modelLtv,
        to: ltvBps,
        detail: `LTV ${modelLtv} bp clamped to governance bounds [${ltvMin}, ${ltvMax}]`,
      });
    if (ltvBps > ltBps) {
      reasons?.push({
        stage: 'invariant',
        code: 'ltvAboveLt',
        param: 'ltv',
        from: ltvBps,
        to: ltBps,
        detail: 'LTV ≤ LT',
      });
      ltvBps = ltBps;
    }
  }
  if (out === undefined)
    return {
      target: { volIndexBps, ltvBps, ltBps, lbBps, haircutBps: 10_000 - ltvBps },
      frozen,
      reasons: reasons ?? NO_REASONS,
    };
  const target = out.target;
  target.volIndexBps = volIndexBps;
  target.ltvBps = ltvBps;
  target.ltBps = ltBps;
  target.lbBps = lbBps;
  target.haircutBps = 10_000 - ltvBps;
  out.frozen = frozen;
  out.reasons = reasons ?? NO_REASONS;
  return out;
}

function clampReason(
  reasons: RiskReason[],
  param: 'lt' | 'lb',
  from: number,
  to: number,
  bound: string,
): void {
  if (from !== to)
    reasons.push({
      stage: 'bounds',
      code: `${param}${bound}`,
      param,
      from,
      to,
      detail: `${param.toUpperCase()} ${from} bp clamped to governance ${bound === 'Min' ? 'minimum' : 'maximum'} ${to} bp`,
    });
}
