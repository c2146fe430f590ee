import type { AlertState } from './AlertMessage.js';

/** One position near the edge in a cycle (docs/positions.md, "Alerts"). */
export interface NearEdgeHealth {
  readonly id: string;
  readonly state: AlertState;
  /** HF under the parameters on-chain, and under the next candidate. */
  readonly hf: number;
  readonly hfNext: number;
  readonly alertLevel: number;
  readonly collateralUsd: number;
  readonly debtUsd: number;
}

/** The health the monitor computed in one cycle (scope `health`, key = the cycle's ms, padded). */
export interface PositionHealthRecord {
  /** The cycle: the newest record ts of the cycle, ms UTC. */
  readonly cycleTs: number;
  /** When the monitor computed it, ms UTC. */
  readonly computedAt: number;
  readonly positions: number;
  /** Positions with debt and a health factor. */
  readonly evaluated: number;
  /** Positions without one (an asset without price or LT). */
  readonly unknown: number;
  /** Positions per alert state (those with debt and a health factor). */
  readonly states: Readonly<Record<AlertState, number>>;
  /** A position is near the edge when min(HF, HF next) < its alert level + this margin. */
  readonly nearEdgeMargin: number;
  /** Near-edge positions, lowest HF first, at most the monitor's `maxNearEdgeStored`. */
  readonly nearEdge: readonly NearEdgeHealth[];
  /** Near-edge positions left out of `nearEdge` (beyond the cap). */
  readonly truncated: number;
  /** Inputs: reference prices (USD per unit), LTs on-chain and of the next candidate (bp, pairs `C/D`). */
  readonly prices: Readonly<Record<string, number>>;
  readonly ltBps: Readonly<Record<string, number>>;
  readonly nextLtBps: Readonly<Record<string, number>>;
}
