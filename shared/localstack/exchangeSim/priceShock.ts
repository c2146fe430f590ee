/** A user's price shock on one asset (`ballast sim shock BTC -20% --over 2h`). */
export interface PriceShock {
  /** Relative move, e.g. -0.2 for −20 %. */
  readonly pct: number;
  /** Simulated time the shock starts, ms UTC. */
  readonly startMs: number;
  /** The move is reached linearly over this long; 0 is an instant jump. */
  readonly overMs: number;
}

/**
 * Price multiplier of an asset's shocks at simulated time `t`: each is 1 before it starts, 1 + pct
 * once complete, linear in between; several compound.
 */
export function priceShockFactor(shocks: readonly PriceShock[] | undefined, t: number): number {
  let factor = 1;
  for (const shock of shocks ?? []) {
    if (t <= shock.startMs) continue;
    const progress = shock.overMs <= 0 ? 1 : Math.min(1, (t - shock.startMs) / shock.overMs);
    factor *= 1 + shock.pct * progress;
  }
  return factor;
}
