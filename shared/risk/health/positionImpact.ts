import { DEFAULT_ALERT_LEVEL, healthFactor } from './healthFactor.js';
import type { HealthParams, HealthPosition, HealthPrices } from './types.js';

/** Positions listed by name in an impact (the lowest candidate HF first). @default 50 */
export const DEFAULT_IMPACT_LISTED = 50;

/** What a candidate update does to the positions holding one parameter's asset (or pair). */
export interface ImpactLine {
  /** Asset id, or pair id `C/D` when the position's HF uses a pair LT. */
  readonly asset: string;
  /** Positions going from HF ≥ 1 to HF < 1. */
  readonly positions: number;
  /** Their collateral in this asset, USD (the whole collateral for a pair). */
  readonly collateralUsd: number;
  /** Their whole debt, USD (a position with several collaterals counts under each). */
  readonly debtUsd: number;
}

/** One position near the edge under the candidate: HF below its alert level. */
export interface NearEdgePosition {
  readonly id: string;
  /** HF under the parameters on-chain; null when they give none (an asset not yet published). */
  readonly hfCurrent: number | null;
  readonly hfCandidate: number;
  readonly debtUsd: number;
}

export interface PositionImpact {
  /** Positions read (with or without debt). */
  readonly positions: number;
  /** Positions with debt and a health factor under the candidate. */
  readonly evaluated: number;
  /** Positions without a health factor (an asset with no price or no LT), never counted below. */
  readonly unknown: number;
  /** Already liquidatable under the parameters on-chain (HF < 1 before the update). */
  readonly liquidatableBefore: number;
  /** HF ≥ 1 on-chain and HF < 1 under the candidate: what the update would liquidate. */
  readonly newlyLiquidatable: {
    readonly positions: number;
    readonly collateralUsd: number;
    readonly debtUsd: number;
  };
  /** `newlyLiquidatable` per asset (or pair), by asset id. */
  readonly byAsset: readonly ImpactLine[];
  /** Positions whose candidate HF is below their alert level (liquidatable ones included). */
  readonly belowAlert: number;
  /** The lowest candidate HFs below the alert level, at most `maxListed`. */
  readonly nearEdge: readonly NearEdgePosition[];
}

export interface PositionImpactParams {
  readonly positions: readonly HealthPosition[];
  readonly prices: HealthPrices;
  /** The parameters on-chain now. */
  readonly current: HealthParams;
  /** The parameters after the candidate update (the on-chain ones with the batch's values over them). */
  readonly candidate: HealthParams;
  /** @default DEFAULT_IMPACT_LISTED */
  readonly maxListed?: number;
}

/**
 * Impact of a candidate update on positions (docs/methodology.md §11): the positions with
 * HF ≥ 1 under the parameters on-chain and HF < 1 under the candidate, counted and summed in USD,
 * per asset. Both HFs use the same reference prices, so only the parameter change moves them.
 * Pure; O(positions × assets per position).
 */
export function positionImpact({
  positions,
  prices,
  current,
  candidate,
  maxListed = DEFAULT_IMPACT_LISTED,
}: PositionImpactParams): PositionImpact {
  let evaluated = 0;
  let unknown = 0;
  let liquidatableBefore = 0;
  let belowAlert = 0;
  const total = { positions: 0, collateralUsd: 0, debtUsd: 0 };
  const lines = new Map<string, { positions: number; collateralUsd: number; debtUsd: number }>();
  const near: NearEdgePosition[] = [];
  for (const position of positions) {
    const after = healthFactor({ position, prices, params: candidate });
    if (after.kind === 'unknown') {
      unknown++;
      continue;
    }
    if (after.debtUsd === 0) continue;
    evaluated++;
    const before = healthFactor({ position, prices, params: current });
    const hfBefore = before.kind === 'ok' ? before.hf : null;
    if (hfBefore !== null && hfBefore < 1) liquidatableBefore++;
    if (after.hf < (position.alertLevel ?? DEFAULT_ALERT_LEVEL)) {
      belowAlert++;
      near.push({ id: position.id, hfCurrent: hfBefore, hfCandidate: after.hf, debtUsd: after.debtUsd });
    }
    if (hfBefore === null || hfBefore < 1 || after.hf >= 1) continue;
    total.positions++;
    total.collateralUsd += after.collateralUsd;
    total.debtUsd += after.debtUsd;
    const shares: [string, number][] =
      after.pair === undefined
        ? Object.entries(position.collateral)
            .filter(([, amount]) => amount > 0)
            .map(([asset, amount]) => [asset, amount * (prices[asset] ?? 0)])
        : [[after.pair, after.collateralUsd]];
    for (const [asset, usd] of shares) {
      const line = lines.get(asset) ?? { positions: 0, collateralUsd: 0, debtUsd: 0 };
      line.positions++;
      line.collateralUsd += usd;
      line.debtUsd += after.debtUsd;
      lines.set(asset, line);
    }
  }
  near.sort((a, b) => a.hfCandidate - b.hfCandidate || a.id.localeCompare(b.id));
  return {
    positions: positions.length,
    evaluated,
    unknown,
    liquidatableBefore,
    newlyLiquidatable: total,
    byAsset: [...lines].sort(([a], [b]) => a.localeCompare(b)).map(([asset, line]) => ({ asset, ...line })),
    belowAlert,
    nearEdge: near.slice(0, maxListed),
  };
}
