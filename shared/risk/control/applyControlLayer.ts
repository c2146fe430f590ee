import type { AssetConfig } from '../../config/assetsConfig.js';
import { DAY_MS, HOUR_MS } from '../../core/time.js';
import type { ModelSpec } from '../version/modelSpecFor.js';
import type {
  PublishDecision,
  PublishedState,
  RateLimitedParam,
  RiskParamsBps,
  RiskReason,
} from '../types.js';
import { NO_REASONS } from '../model/noReasons.js';

export interface ApplyControlLayerParams {
  readonly asset: string;
  readonly asOf: number;
  readonly target: RiskParamsBps;
  readonly previous: PublishedState | undefined;
  readonly degraded: boolean;
  readonly frozen: boolean;
  readonly apc: PublishedState['apc'];
  readonly config: AssetConfig;
  /** Model behaviour of the record's version (loosening rule). */
  readonly spec: ModelSpec;
  /** Build the reasons (docs/methodology.md §8); the backtest, which reads none, turns it off. @default true */
  readonly explain?: boolean;
}

export interface ApplyControlLayerResult {
  readonly candidate: RiskParamsBps;
  readonly published: RiskParamsBps;
  readonly publish: PublishDecision;
  readonly nextState: PublishedState;
  readonly reasons: readonly RiskReason[];
}

/**
 * The control layer (docs/methodology.md §7): what is actually published, given the target and the state on
 * chain. Per parameter, relative to the last publication:
 * - degraded cycle: only tightening passes (LTV/LT down, LB up), loosening holds the old value;
 * - loosening, v2 (`halfLife`): the control path follows a looser target with half-life h, over the
 *   Δt since the previous control step (capped at 24 h), at least `maxLoosenPerDay · Δt / 24 h`; the
 *   path is kept unrounded in `PublishedState.control`, the candidate is its conservative rounding, and
 *   a published loosening step never exceeds the on-chain guard `maxLoosenPerUpdateBps`;
 * - loosening, v1 (`rollingDay`): at most 25 bp per update, and at most `maxLoosenPerDayBps` over any
 *   24 h (counting published loosening steps);
 * - tightening at most `maxTightenPerUpdateBps`, except an eligibility freeze which sets LTV = 0 at once;
 * - LT decreases above `ltRampThresholdBps` are spread linearly over `ltRampHours` when that is > 0;
 * - then the invariants again (LT·(1+LB) ≤ 1, LTV ≤ LT) and the governance bounds: these only ever
 *   tighten, and win over the step limits because they protect solvency.
 * Publish when any of LTV/LT/LB moved by ≥ `deviationBps`, a heartbeat is due, or the freeze state
 * changed. The volatility index is published with the parameters but never triggers nor is limited.
 */
export function applyControlLayer(params: ApplyControlLayerParams): ApplyControlLayerResult {
  const { asset, asOf, target, previous, degraded, frozen, apc, config, spec, explain = true } = params;
  const reasons: RiskReason[] | null = explain ? [] : null;
  const rule = spec.loosening;
  const halfLife = rule.kind === 'halfLife';

  if (previous === undefined) {
    const nextState: PublishedState = {
      asset,
      ...target,
      publishedAt: asOf,
      frozen,
      loosening: { ltv: [], lt: [], lb: [] },
      apc,
      updatedAt: asOf,
      ...(halfLife ? { control: { ltvBps: target.ltvBps, ltBps: target.ltBps, lbBps: target.lbBps } } : {}),
    };
    if (degraded)
      reasons?.push({
        stage: 'control',
        code: 'firstPublicationDegraded',
        detail: 'no previous publication: the degraded target is published as is',
      });
    return {
      candidate: target,
      published: target,
      publish: { due: true, reason: 'first', changeBps: { ltv: 0, lt: 0, lb: 0 } },
      nextState,
      reasons: reasons ?? NO_REASONS,
    };
  }

  const values = { ltvBps: 0, ltBps: 0, lbBps: 0 };
  /** v2: the unrounded control path after this step, bp. */
  const path = { ltvBps: 0, ltBps: 0, lbBps: 0 };
  const loosened: { [P in RateLimitedParam]: number } = { ltv: 0, lt: 0, lb: 0 };
  const dtHours = Math.min(24, Math.max(0, (asOf - previous.updatedAt) / HOUR_MS));
  for (let i = 0; i < PARAMS.length; i++) {
    const param = PARAMS[i]!;
    const onChainBps = bpsOf(previous, param);
    const from = halfLife
      ? ((previous.control === undefined ? undefined : bpsOf(previous.control, param)) ?? onChainBps)
      : onChainBps;
    const want = bpsOf(target, param);
    const sign = looserSign(param);
    const looser = (want - from) * sign; // > 0: loosening by that many bp
    let next = want;
    if (looser > 0 && halfLife && !degraded) {
      const allowed = Math.max(
        (1 - Math.pow(2, -dtHours / rule.halfLifeHours)) * looser,
        (rule.perDayBps * dtHours) / 24,
      );
      const step = Math.min(looser, allowed);
      next = from + sign * step;
      if (step < looser)
        reasons?.push({
          stage: 'control',
          code: 'loosenHalfLife',
          param,
          from: want,
          to: sign > 0 ? Math.floor(next + 1e-9) : Math.ceil(next - 1e-9),
          detail: `loosening ${param.toUpperCase()} towards ${want} bp: ${step.toFixed(2)} bp of the ${looser.toFixed(2)} bp gap over ${dtHours} h (half-life ${rule.halfLifeHours} h, floor ${rule.perDayBps} bp/day)`,
        });
    } else if (looser > 0) {
      if (degraded) {
        next = from;
        reasons?.push({
          stage: 'control',
          code: 'degradedHold',
          param,
          from: want,
          to: from,
          detail: `degraded cycle: ${param.toUpperCase()} may only tighten; loosening by ${looser} bp held`,
        });
      } else if (rule.kind === 'rollingDay') {
        const dayLeft = Math.max(0, rule.perDayBps - recentLoosening(previous, param, asOf));
        const step = Math.min(looser, rule.perUpdateBps, dayLeft);
        next = from + sign * step;
        if (step < looser) {
          const code =
            step === dayLeft && dayLeft < rule.perUpdateBps ? 'maxLoosenPerDay' : 'maxLoosenPerUpdate';
          reasons?.push({
            stage: 'control',
            code,
            param,
            from: want,
            to: next,
            detail: `loosening ${param.toUpperCase()} by ${looser} bp limited to ${step} bp (${code === 'maxLoosenPerDay' ? `${rule.perDayBps} bp per 24 h` : `${rule.perUpdateBps} bp per update`})`,
          });
        }
        if (param === 'ltv') loosened.ltv = step;
        else if (param === 'lt') loosened.lt = step;
        else loosened.lb = step;
      }
    } else if (looser < 0) {
      const tighter = -looser;
      let limit = config.maxTightenPerUpdateBps;
      let code = 'maxTightenPerUpdate';
      if (param === 'ltv' && frozen) limit = tighter; // the freeze applies at once
      if (param === 'lt' && config.ltRampHours > 0 && tighter > config.ltRampThresholdBps) {
        const elapsedHours = Math.max(0, (asOf - previous.publishedAt) / HOUR_MS);
        const ramp = Math.max(
          config.ltRampThresholdBps,
          Math.ceil(tighter * Math.min(1, elapsedHours / config.ltRampHours) - 1e-9),
        );
        if (ramp < limit) {
          limit = ramp;
          code = 'ltRamp';
        }
      }
      const step = Math.min(tighter, limit);
      next = from - sign * step;
      if (step < tighter)
        reasons?.push({
          stage: 'control',
          code,
          param,
          from: want,
          to: next,
          detail: `tightening ${param.toUpperCase()} by ${tighter} bp limited to ${step} bp this update`,
        });
    }
    if (halfLife) {
      // Conservative rounding of the unrounded path: LTV/LT down, LB up.
      let rounded = sign > 0 ? Math.floor(next + 1e-9) : Math.ceil(next - 1e-9);
      const onChainStep = (rounded - onChainBps) * sign;
      if (rule.kind === 'halfLife' && onChainStep > rule.onChainStepBps) {
        rounded = onChainBps + sign * rule.onChainStepBps;
        next = rounded;
        reasons?.push({
          stage: 'control',
          code: 'onChainStepGuard',
          param,
          from: want,
          to: rounded,
          detail: `a loosening step of ${onChainStep} bp would exceed the on-chain guard of ${rule.onChainStepBps} bp per update`,
        });
      }
      setBps(path, param, next);
      next = rounded;
    }
    setBps(values, param, next);
  }

  // Invariants and bounds win over the step limits (they only tighten).
  const bounds = config.bounds;
  boundParam(values, reasons, 'lb', bounds.lb[0], bounds.lb[1]);
  boundParam(values, reasons, 'lt', bounds.lt[0], bounds.lt[1]);
  const ltCap = Math.floor(100_000_000 / (10_000 + values.lbBps));
  if (values.ltBps > ltCap) {
    reasons?.push({
      stage: 'invariant',
      code: 'ltTimesOnePlusLb',
      param: 'lt',
      from: values.ltBps,
      to: ltCap,
      detail: `LT·(1+LB) ≤ 1 with LB ${values.lbBps} bp caps LT at ${ltCap} bp (overrides the step limit)`,
    });
    loosened.lt = 0;
    values.ltBps = ltCap;
  }
  boundParam(values, reasons, 'ltv', bounds.ltv[0], bounds.ltv[1]);
  if (values.ltvBps > values.ltBps) {
    reasons?.push({
      stage: 'invariant',
      code: 'ltvAboveLt',
      param: 'ltv',
      from: values.ltvBps,
      to: values.ltBps,
      detail: 'LTV ≤ LT (overrides the step limit)',
    });
    values.ltvBps = values.ltBps;
  }
  // Loosening actually applied (after invariants) is what counts against the daily allowance.
  for (let i = 0; i < PARAMS.length; i++) {
    const param = PARAMS[i]!;
    const sign = looserSign(param);
    const moved = Math.max(0, (bpsOf(values, param) - bpsOf(previous, param)) * sign);
    if (param === 'ltv') loosened.ltv = moved;
    else if (param === 'lt') loosened.lt = moved;
    else loosened.lb = moved;
  }

  const candidate: RiskParamsBps = {
    volIndexBps: target.volIndexBps,
    ltvBps: values.ltvBps,
    ltBps: values.ltBps,
    lbBps: values.lbBps,
    haircutBps: 10_000 - values.ltvBps,
  };
  const changeBps = {
    ltv: Math.abs(values.ltvBps - previous.ltvBps),
    lt: Math.abs(values.ltBps - previous.ltBps),
    lb: Math.abs(values.lbBps - previous.lbBps),
  };
  let reason: PublishDecision['reason'] = 'none';
  if (frozen !== previous.frozen) reason = 'freeze';
  else if (Math.max(changeBps.ltv, changeBps.lt, changeBps.lb) >= config.deviationBps) reason = 'deviation';
  else if (asOf - previous.publishedAt >= config.heartbeatSeconds * 1000) reason = 'heartbeat';
  const due = reason !== 'none';

  const onChain: RiskParamsBps = due
    ? candidate
    : {
        volIndexBps: previous.volIndexBps,
        ltvBps: previous.ltvBps,
        ltBps: previous.ltBps,
        lbBps: previous.lbBps,
        haircutBps: previous.haircutBps,
      };
  // v2: where the invariants or bounds moved a value, the path restarts from it.
  const control = {
    ltvBps: values.ltvBps === Math.floor(path.ltvBps + 1e-9) ? path.ltvBps : values.ltvBps,
    ltBps: values.ltBps === Math.floor(path.ltBps + 1e-9) ? path.ltBps : values.ltBps,
    lbBps: values.lbBps === Math.ceil(path.lbBps - 1e-9) ? path.lbBps : values.lbBps,
  };
  const loosening = halfLife
    ? { ltv: [], lt: [], lb: [] }
    : {
        ltv: trim(previous, 'ltv', asOf, due, loosened.ltv),
        lt: trim(previous, 'lt', asOf, due, loosened.lt),
        lb: trim(previous, 'lb', asOf, due, loosened.lb),
      };
  // Written out field by field (not spread): the same keys in the same order, without the copy.
  const nextState: PublishedState = halfLife
    ? {
        asset,
        volIndexBps: onChain.volIndexBps,
        ltvBps: onChain.ltvBps,
        ltBps: onChain.ltBps,
        lbBps: onChain.lbBps,
        haircutBps: onChain.haircutBps,
        publishedAt: due ? asOf : previous.publishedAt,
        frozen: due ? frozen : previous.frozen,
        loosening,
        apc,
        updatedAt: asOf,
        control,
      }
    : {
        asset,
        volIndexBps: onChain.volIndexBps,
        ltvBps: onChain.ltvBps,
        ltBps: onChain.ltBps,
        lbBps: onChain.lbBps,
        haircutBps: onChain.haircutBps,
        publishedAt: due ? asOf : previous.publishedAt,
        frozen: due ? frozen : previous.frozen,
        loosening,
        apc,
        updatedAt: asOf,
      };
  return {
    candidate,
    published: onChain,
    publish: { due, reason, changeBps },
    nextState,
    reasons: reasons ?? NO_REASONS,
  };
}

const PARAMS: readonly RateLimitedParam[] = ['ltv', 'lt', 'lb'];

/** v1: loosening published in the 24 h before `asOf`, bp. */
function recentLoosening(previous: PublishedState, param: RateLimitedParam, asOf: number): number {
  return previous.loosening[param]
    .filter(([at]) => at > asOf - DAY_MS)
    .reduce((sum, [, bps]) => sum + bps, 0);
}

/** v1: the loosening steps of the last 24 h, plus this one when it is published. */
function trim(
  previous: PublishedState,
  param: RateLimitedParam,
  asOf: number,
  due: boolean,
  loosened: number,
): Array<readonly [number, number]> {
  const kept = previous.loosening[param].filter(([at]) => at > asOf - DAY_MS);
  if (due && loosened > 0) kept.push([asOf, loosened]);
  return kept;
}

/** Brings one parameter back into its governance bounds, with a reason when it moved. */
function boundParam(
  values: { ltvBps: number; ltBps: number; lbBps: number },
  reasons: RiskReason[] | null,
  param: RateLimitedParam,
  min: number,
  max: number,
): void {
  const current = bpsOf(values, param);
  const v = Math.min(max, Math.max(min, current));
  if (v !== current)
    reasons?.push({
      stage: 'bounds',
      code: `${param}Bounds`,
      param,
      from: current,
      to: v,
      detail: `${param.toUpperCase()} brought back into governance bounds [${min}, ${max}]`,
    });
  setBps(values, param, v);
}

/** Which way is "looser" for each parameter: higher LTV/LT, lower LB. */
function looserSign(param: RateLimitedParam): 1 | -1 {
  return param === 'lb' ? -1 : 1;
}

/**
 * A parameter's bp by name, as a named read (a computed key read on these three objects was a
 * megamorphic lookup every cycle of the backtest).
 */
function bpsOf(
  o: { readonly ltvBps: number; readonly ltBps: number; readonly lbBps: number },
  param: RateLimitedParam,
): number {
  return param === 'ltv' ? o.ltvBps : param === 'lt' ? o.ltBps : o.lbBps;
}

function setBps(
  o: { ltvBps: number; ltBps: number; lbBps: number },
  param: RateLimitedParam,
  v: number,
): void {
  if (param === 'ltv') o.ltvBps = v;
  else if (param === 'lt') o.ltBps = v;
  else o.lbBps = v;
}
