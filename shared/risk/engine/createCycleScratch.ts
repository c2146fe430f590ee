import type { ApplyControlLayerResult } from '../control/applyControlLayer.js';
import type { EvaluateCycleResult } from '../evaluateCycle.js';
import type { AssessDataQualityResult } from '../model/assessDataQuality.js';
import type { ComputeModelResult } from '../model/computeModel.js';
import type { MarginDropQuantilesResult } from '../model/marginDropQuantiles.js';
import type { ModelLiquidityResult } from '../model/modelLiquidity.js';
import type { StandardisedDropQuantilesResult } from '../model/standardisedDropQuantiles.js';
import type { TargetParamsResult } from '../model/targetParams.js';
import { NO_REASONS } from '../model/noReasons.js';
import type {
  PublishDecision,
  PublishedState,
  RiskFlags,
  RiskIntermediates,
  RiskParamsBps,
} from '../types.js';

/** `T` with its fields writable (the scratch objects a cycle writes into). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type Bps3 = { ltvBps: number; ltBps: number; lbBps: number };

/**
 * The objects one asset's cycles write their results into when the caller hands them over
 * (`evaluateCycle({ …, scratch })`): a walk-forward over tens of thousands of hours then allocates no
 * object per hour. Everything a cycle returns with a scratch (result, flags, intermediates, params)
 * is overwritten by the next cycle with the same scratch, except `nextState`, which alternates
 * between two objects so that the previous cycle's state stays intact while the next is computed.
 * Production cycles (one per asset and round) pass none and get fresh objects; both paths compute
 * the same numbers, field for field.
 */
export interface CycleScratch {
  readonly quality: Mutable<AssessDataQualityResult>;
  readonly liquidity: Mutable<ModelLiquidityResult>;
  readonly fhs: Mutable<StandardisedDropQuantilesResult>;
  readonly margin: Mutable<MarginDropQuantilesResult> & {
    readonly ownApc: { qLt: number | null; qLtv: number | null };
  };
  readonly raw: Mutable<RiskParamsBps>;
  readonly target: Mutable<Omit<TargetParamsResult, 'target'>> & { readonly target: Mutable<RiskParamsBps> };
  /** Created at the first cycle, in the shape of its model version (v1 or v2 fields). */
  intermediate: Mutable<RiskIntermediates> | null;
  flags: Mutable<RiskFlags> | null;
  readonly model: Mutable<ComputeModelResult> & { apc: { qLt: number | null; qLtv: number | null } };
  readonly control: {
    readonly values: Bps3;
    readonly path: Bps3;
    readonly loosened: { ltv: number; lt: number; lb: number };
    readonly candidate: Mutable<RiskParamsBps>;
    readonly onChain: Mutable<RiskParamsBps>;
    readonly changeBps: { ltv: number; lt: number; lb: number };
    readonly publish: Mutable<PublishDecision>;
    /** The two alternating next states (created at the first cycle that needs them) and which is next. */
    readonly states: [Mutable<PublishedState> | null, Mutable<PublishedState> | null];
    next: 0 | 1;
    readonly result: Mutable<ApplyControlLayerResult>;
  };
  /** evaluateCycle's result (created at the first cycle). */
  cycle: Mutable<EvaluateCycleResult> | null;
}

const params = (): Mutable<RiskParamsBps> => ({
  volIndexBps: 0,
  ltvBps: 0,
  ltBps: 0,
  lbBps: 0,
  haircutBps: 0,
});

/** A fresh scratch for one asset's walk (see CycleScratch). */
export function createCycleScratch(): CycleScratch {
  const raw = params();
  const candidate = params();
  const onChain = params();
  const changeBps = { ltv: 0, lt: 0, lb: 0 };
  const publish: Mutable<PublishDecision> = { due: false, reason: 'none', changeBps };
  return {
    quality: { historyHours: 0, degraded: false, insufficientHistory: false, reasons: NO_REASONS },
    liquidity: {
      hourlyVolumeUsd: null,
      advUsd: null,
      horizonHours: 0,
      horizonHoursUsed: 0,
      slip: null,
      slipSource: 'proxy',
      spread: null,
      depth2PctUsd: null,
      sqrtExtrapolated: false,
      reasons: NO_REASONS,
    },
    fhs: { kLt: 0, kLtv: 0, zCountLt: 0, zCountLtv: 0, fallback: false, reasons: NO_REASONS },
    margin: {
      sigmaMargin: 0,
      qLtNoApc: 0,
      qLtvNoApc: 0,
      qLt: 0,
      qLtv: 0,
      apc: undefined,
      ownApc: { qLt: null, qLtv: null },
    },
    raw,
    target: { target: params(), frozen: false, reasons: NO_REASONS },
    intermediate: null,
    flags: null,
    model: {
      intermediate: null as unknown as RiskIntermediates,
      flags: null as unknown as RiskFlags,
      raw,
      target: raw,
      reasons: NO_REASONS,
      apc: { qLt: null, qLtv: null },
    },
    control: {
      values: { ltvBps: 0, ltBps: 0, lbBps: 0 },
      path: { ltvBps: 0, ltBps: 0, lbBps: 0 },
      loosened: { ltv: 0, lt: 0, lb: 0 },
      candidate,
      onChain,
      changeBps,
      publish,
      states: [null, null],
      next: 0,
      result: {
        candidate,
        published: onChain,
        publish,
        nextState: null as unknown as PublishedState,
        reasons: NO_REASONS,
      },
    },
    cycle: null,
  };
}
