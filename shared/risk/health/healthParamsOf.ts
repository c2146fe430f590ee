import type { HealthParams } from './types.js';

/**
 * Liquidation thresholds keyed by asset id and pair id `C/D` (as the asset heads and records key
 * them), split into health-factor parameters: per asset, and per pair. Pure.
 */
export function healthParamsOf(lts: Readonly<Record<string, number>>): Required<HealthParams> {
  const ltBps: Record<string, number> = {};
  const pairLtBps: Record<string, number> = {};
  for (const [asset, lt] of Object.entries(lts)) (asset.includes('/') ? pairLtBps : ltBps)[asset] = lt;
  return { ltBps, pairLtBps };
}
