import { DEFAULT_ALERT_LEVEL, healthFactor } from '../../risk/health/healthFactor.js';
import type { HealthParams, HealthPosition, HealthPrices } from '../../risk/health/types.js';
import { ALERT_STATES, type AlertState } from '../../store/AlertMessage.js';
import type { NearEdgeHealth } from '../../store/PositionHealthRecord.js';
import { alertStateOf } from './alertStateOf.js';

export interface AssessPositionsParams {
  readonly positions: readonly HealthPosition[];
  readonly prices: HealthPrices;
  /** Parameters on-chain (the latest published). */
  readonly current: HealthParams;
  /** The next candidate: the on-chain parameters with the cycle's candidates over them. */
  readonly next: HealthParams;
  readonly nearEdgeMargin: number;
  readonly maxNearEdgeStored: number;
}

/** One position's figures; `hf`/`hfNext` null without debt (state `ok`). */
export interface PositionAssessment {
  readonly id: string;
  readonly state: AlertState;
  readonly hf: number | null;
  readonly hfNext: number | null;
  readonly alertLevel: number;
  readonly collateralUsd: number;
  readonly debtUsd: number;
}

export interface AssessPositionsResult {
  /** Every position with a health factor under both parameter sets (or without debt), by id. */
  readonly assessed: readonly PositionAssessment[];
  /** Ids of positions without one (an asset with no price or no LT): their alert state is left as it is. */
  readonly unknown: readonly string[];
  /** Positions with debt and a health factor. */
  readonly evaluated: number;
  readonly states: Readonly<Record<AlertState, number>>;
  /** Near the edge, lowest HF first, at most `maxNearEdgeStored`. */
  readonly nearEdge: readonly NearEdgeHealth[];
  readonly truncated: number;
}

/**
 * Health of every position under the parameters on-chain and under the next candidate, at the
 * cycle's reference prices (docs/methodology.md §11; a pair LT where the position is one pair),
 * each position's alert state, and the positions near the edge: min(HF, HF next) below the
 * position's alert level + `nearEdgeMargin`. Pure; O(positions × assets per position).
 */
export function assessPositions({
  positions,
  prices,
  current,
  next,
  nearEdgeMargin,
  maxNearEdgeStored,
}: AssessPositionsParams): AssessPositionsResult {
  const assessed: PositionAssessment[] = [];
  const unknown: string[] = [];
  const near: NearEdgeHealth[] = [];
  const states = Object.fromEntries(ALERT_STATES.map((s) => [s, 0])) as Record<AlertState, number>;
  let evaluated = 0;
  for (const position of positions) {
    const now = healthFactor({ position, prices, params: current });
    const then = healthFactor({ position, prices, params: next });
    const alertLevel = position.alertLevel ?? DEFAULT_ALERT_LEVEL;
    if (now.kind === 'unknown' || then.kind === 'unknown') {
      unknown.push(position.id);
      continue;
    }
    if (now.debtUsd === 0) {
      const { collateralUsd } = now;
      assessed.push({
        id: position.id,
        state: 'ok',
        hf: null,
        hfNext: null,
        alertLevel,
        collateralUsd,
        debtUsd: 0,
      });
      continue;
    }
    evaluated++;
    const state = alertStateOf({ hf: now.hf, hfNext: then.hf, alertLevel });
    states[state]++;
    const figures = {
      id: position.id,
      state,
      hf: now.hf,
      hfNext: then.hf,
      alertLevel,
      collateralUsd: now.collateralUsd,
      debtUsd: now.debtUsd,
    };
    assessed.push(figures);
    if (Math.min(now.hf, then.hf) < alertLevel + nearEdgeMargin) near.push(figures);
  }
  near.sort((a, b) => Math.min(a.hf, a.hfNext) - Math.min(b.hf, b.hfNext) || a.id.localeCompare(b.id));
  return {
    assessed,
    unknown,
    evaluated,
    states,
    nearEdge: near.slice(0, maxNearEdgeStored),
    truncated: Math.max(0, near.length - maxNearEdgeStored),
  };
}
