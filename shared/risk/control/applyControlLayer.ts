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
import type { CycleScratch, Mutable } from '../engine/createCycleScratch.js';

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
  /**
   * Objects to write the result into instead of new ones (a walk-forward's createCycleScratch): the
   * result is valid until the next call with the same scratch, its `nextState` until the one after.
   * @default none (fresh objects)
   */
  readonly scratch?: CycleScratch | undefined;
}

/** v2 states keep no loosening steps (scratch cycles share this one, frozen). */
const NO_LOOSENING: PublishedState['loosening'] = Object.freeze({
  ltv: Object.freeze([]),
  lt: Object.freeze([]),
  lb: Object.freeze([]),
});

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
  const scratch = params.scratch?.control;
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
      // A scratch's objects are overwritten by the next cycle: the state keeps a copy of the APC memory.
      apc: scratch === undefined ? apc : { qLt: apc.qLt, qLtv: apc.qLtv },
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

  const values = scratch === undefined ? { ltvBps: 0, ltBps: 0, lbBps: 0 } : zero3(scratch.values);
  /** v2: the unrounded control path after this step, bp. */
  const path = scratch === undefined ? { ltvBps: 0, ltBps: 0, lbBps: 0 } : zero3(scratch.path);
  const loosened: { [P in RateLimitedParam]: number } =
    scratch === undefined ? { ltv: 0, lt: 0, lb: 0 } : zeroLoosened(scratch.loosened);
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

  if (scratch !== undefined)
    return writeScratch(scratch, params, previous, values, path, loosened, halfLife, reasons ?? NO_REASONS);

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

/** `o` with its three parameters at 0. */
function zero3(o: { ltvBps: number; ltBps: number; lbBps: number }): typeof o {
  o.ltvBps = 0;
  o.ltBps = 0;
  o.lbBps = 0;
  return o;
}

function zeroLoosened(o: { ltv: number; lt: number; lb: number }): typeof o {
  o.ltv = 0;
  o.lt = 0;
  o.lb = 0;
  return o;
}

/**
 * The end of applyControlLayer for a scratch cycle: the same decisions and numbers as the fresh
 * objects below it, written into the scratch (the next state into the one of its two states that
 * `previous` is not).
 */
function writeScratch(
  scratch: CycleScratch['control'],
  params: ApplyControlLayerParams,
  previous: PublishedState,
  values: { ltvBps: number; ltBps: number; lbBps: number },
  path: { ltvBps: number; ltBps: number; lbBps: number },
  loosened: { [P in RateLimitedParam]: number },
  halfLife: boolean,
  reasons: readonly RiskReason[],
): ApplyControlLayerResult {
  const { asset, asOf, target, frozen, apc, config } = params;
  const candidate = scratch.candidate;
  candidate.volIndexBps = target.volIndexBps;
  candidate.ltvBps = values.ltvBps;
  candidate.ltBps = values.ltBps;
  candidate.lbBps = values.lbBps;
  candidate.haircutBps = 10_000 - values.ltvBps;
  const changeBps = scratch.changeBps;
  changeBps.ltv = Math.abs(values.ltvBps - previous.ltvBps);
  changeBps.lt = Math.abs(values.ltBps - previous.ltBps);
  changeBps.lb = Math.abs(values.lbBps - previous.lbBps);
  let reason: PublishDecision['reason'] = 'none';
  if (frozen !== previous.frozen) reason = 'freeze';
  else if (Math.max(changeBps.ltv, changeBps.lt, changeBps.lb) >= config.deviationBps) reason = 'deviation';
  else if (asOf - previous.publishedAt >= config.heartbeatSeconds * 1000) reason = 'heartbeat';
  const due = reason !== 'none';
  let onChain: Mutable<RiskParamsBps> = candidate;
  if (!due) {
    onChain = scratch.onChain;
    onChain.volIndexBps = previous.volIndexBps;
    onChain.ltvBps = previous.ltvBps;
    onChain.ltBps = previous.ltBps;
    onChain.lbBps = previous.lbBps;
    onChain.haircutBps = previous.haircutBps;
  }
  const controlLtv = values.ltvBps === Math.floor(path.ltvBps + 1e-9) ? path.ltvBps : values.ltvBps;
  const controlLt = values.ltBps === Math.floor(path.ltBps + 1e-9) ? path.ltBps : values.ltBps;
  const controlLb = values.lbBps === Math.ceil(path.lbBps - 1e-9) ? path.lbBps : values.lbBps;
  const loosening = halfLife
    ? NO_LOOSENING
    : {
        ltv: trim(previous, 'ltv', asOf, due, loosened.ltv),
        lt: trim(previous, 'lt', asOf, due, loosened.lt),
        lb: trim(previous, 'lb', asOf, due, loosened.lb),
      };
  const slot = scratch.states[0] === previous ? 1 : 0;
  let state = scratch.states[slot];
  if (state === null) {
    // The first time: the same keys in the same order as a fresh state (with its own APC and control objects).
    state = {
      asset,
      volIndexBps: 0,
      ltvBps: 0,
      ltBps: 0,
      lbBps: 0,
      haircutBps: 0,
      publishedAt: 0,
      frozen: false,
      loosening,
      apc: { qLt: null, qLtv: null },
      updatedAt: 0,
      ...(halfLife ? { control: { ltvBps: 0, ltBps: 0, lbBps: 0 } } : {}),
    };
    scratch.states[slot] = state;
  }
  state.asset = asset;
  state.volIndexBps = onChain.volIndexBps;
  state.ltvBps = onChain.ltvBps;
  state.ltBps = onChain.ltBps;
  state.lbBps = onChain.lbBps;
  state.haircutBps = onChain.haircutBps;
  state.publishedAt = due ? asOf : previous.publishedAt;
  state.frozen = due ? frozen : previous.frozen;
  state.loosening = loosening;
  const ownApc = state.apc as Mutable<PublishedState['apc']>;
  ownApc.qLt = apc.qLt;
  ownApc.qLtv = apc.qLtv;
  state.updatedAt = asOf;
  if (halfLife) {
    const control = state.control as Mutable<NonNullable<PublishedState['control']>>;
    control.ltvBps = controlLtv;
    control.ltBps = controlLt;
    control.lbBps = controlLb;
  }
  const publish = scratch.publish;
  publish.due = due;
  publish.reason = reason;
  const result = scratch.result;
  result.candidate = candidate;
  result.published = onChain;
  result.nextState = state;
  result.reasons = reasons;
  return result;
}
