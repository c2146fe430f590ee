import type { PositionImpact } from './positionImpact.js';

/** One asset's (or pair's) LT change in a round, and whether governance's ramp shaped it. */
export interface RoundLtChange {
  readonly asset: string;
  /** LT on-chain before the round; null for a first publication. */
  readonly fromBps: number | null;
  readonly toBps: number;
  /** The target the engine aimed at this cycle. */
  readonly targetBps: number;
  /**
   * Governance's opt-in ramp of large LT decreases (`ltRampHours`, docs/methodology.md §7): 0 = off
   * (the default): a tightening is published as the control layer allows, whatever its impact.
   */
  readonly ltRampHours: number;
  /** True when the ramp held this round's LT above the target (the rest follows in later rounds). */
  readonly ramped: boolean;
}

/**
 * The impact of a round on positions, computed before its transaction is signed and recorded with
 * the round (docs/positions.md). It informs; it never holds a tightening back.
 */
export type RoundImpact =
  | (PositionImpact & {
      readonly status: 'computed';
      /** Reference prices the health factors used, USD per unit. */
      readonly prices: Readonly<Record<string, number>>;
      readonly changes: readonly RoundLtChange[];
      /** Position sources read (indexed markets, protocols pushing snapshots). */
      readonly sources: number;
    })
  /** The positions could not be read or evaluated: the round went out anyway, and says why. */
  | { readonly status: 'failed'; readonly error: string; readonly changes: readonly RoundLtChange[] };
