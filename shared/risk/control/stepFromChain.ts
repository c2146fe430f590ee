/** LTV, LT and LB, bp: the rate-limited parameters. */
export interface SteppedParamsBps {
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
}

/** One chain's own limits for an asset: its contract's guardrails (bp). */
export interface ChainStepLimits {
  /** Largest move per update in the loosening direction (LTV or LT up, LB down). */
  readonly maxLoosenBps: number;
  /** Largest move per update in the tightening direction (LTV or LT down, LB up). */
  readonly maxTightenBps: number;
  readonly ltv: readonly [min: number, max: number];
  readonly lt: readonly [min: number, max: number];
  readonly lb: readonly [min: number, max: number];
}

export interface StepFromChainParams {
  /** What the chain holds for the asset; undefined when it holds nothing (its first write). */
  readonly from: SteppedParamsBps | undefined;
  /** The values the engine holds on-chain after this cycle (the record's `published`). */
  readonly target: SteppedParamsBps;
  readonly limits: ChainStepLimits;
}

/**
 * The control layer for a chain that lags (docs/multi-chain.md, docs/methodology.md §7): the values
 * that chain's contract accepts on its next update, stepping from what THAT chain holds towards the
 * engine's values. Per parameter, the move is at most `maxTightenBps` in the tightening direction
 * and `maxLoosenBps` in the loosening direction (the contract's own step limits), so a chain behind
 * by more than one step ramps over several rounds, tightening as fast as its contract allows and
 * never moving past the target. Then, as in the control layer, the governance bounds and the
 * invariants LT·(1+LB) ≤ 1 and LTV ≤ LT, which only ever tighten.
 *
 * Every value lies between the chain's value and the target (or is tighter than both), so a
 * stepped update is never looser than the engine's values nor outside the bounds. With `from`
 * valid (within the bounds, LT·(1+LB) ≤ 1, LTV ≤ LT), the result is within the step limits too:
 * the invariant caps only bite when LB did not rise past the chain's own LB, and then they cap LT
 * and LTV at or above the chain's own values.
 *
 * Units: integer basis points in, integer basis points out. Pure.
 */
export function stepFromChain({ from, target, limits }: StepFromChainParams): SteppedParamsBps {
  const clamp = (value: number, [min, max]: readonly [number, number]): number =>
    Math.min(max, Math.max(min, value));
  const step = (want: number, at: number | undefined, up: number, down: number): number =>
    at === undefined ? want : clamp(want, [at - down, at + up]);
  // LTV and LT loosen upwards; LB loosens downwards.
  const lbBps = clamp(step(target.lbBps, from?.lbBps, limits.maxTightenBps, limits.maxLoosenBps), limits.lb);
  let ltBps = clamp(step(target.ltBps, from?.ltBps, limits.maxLoosenBps, limits.maxTightenBps), limits.lt);
  ltBps = Math.min(ltBps, Math.floor(100_000_000 / (10_000 + lbBps)));
  let ltvBps = clamp(
    step(target.ltvBps, from?.ltvBps, limits.maxLoosenBps, limits.maxTightenBps),
    limits.ltv,
  );
  ltvBps = Math.min(ltvBps, ltBps);
  return { ltvBps, ltBps, lbBps };
}
