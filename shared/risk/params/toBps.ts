/**
 * Fraction → integer bp in the conservative direction (docs/methodology.md: LTV and LT round down; haircut,
 * bonus and volatility round up), clamped to [0, 10 000] (volatility: [0, ∞)). A relative nudge of
 * 1e-12 absorbs binary floating-point noise, so 0.85 becomes 8500 and not 8499.
 */
export function toBps(fraction: number, direction: 'down' | 'up', cap = 10_000): number {
  const x = fraction * 10_000;
  const v = direction === 'down' ? Math.floor(x + 1e-9) : Math.ceil(x - 1e-9);
  return Math.min(cap, Math.max(0, v));
}
