import { describe, expect, it } from 'vitest';
import { positionImpact } from '../../../../shared/risk/health/positionImpact.js';
import type { HealthPosition } from '../../../../shared/risk/health/types.js';

const prices = { ETH: 2_000, BTC: 50_000, USD: 1 };
/** An ETH position with 1 ETH (2,000 USD) whose HF at LT 90 % is `hf`. */
const eth = (id: string, hf: number, extra: Partial<HealthPosition> = {}): HealthPosition => ({
  id,
  collateral: { ETH: 1 },
  debt: { USD: (2_000 * 0.9) / hf },
  ...extra,
});

describe('positionImpact (docs/methodology.md §11)', () => {
  it('counts the positions an LT decrease pushes from HF ≥ 1 to HF < 1, with their USD, per asset', () => {
    // LT 90 % → 85 %: HF scales by 85/90 = 0.944; positions with 1 ≤ HF < 1.0588 cross.
    const positions = [
      eth('a', 1.0),
      eth('b', 1.05),
      eth('c', 1.06),
      eth('d', 0.99),
      eth('e', 2),
      { id: 'f', collateral: { BTC: 1 }, debt: { USD: 40_000 } },
      { id: 'g', collateral: { ETH: 5 }, debt: {} },
      { id: 'h', collateral: { SOL: 5 }, debt: { USD: 1 } },
    ];
    const impact = positionImpact({
      positions,
      prices,
      current: { ltBps: { ETH: 9_000, BTC: 8_000 } },
      candidate: { ltBps: { ETH: 8_500, BTC: 8_000 } },
    });
    const debtA = 1_800;
    const debtB = 1_800 / 1.05;
    expect(impact).toMatchObject({
      positions: 8,
      evaluated: 6,
      unknown: 1,
      liquidatableBefore: 1,
      newlyLiquidatable: { positions: 2, collateralUsd: 4_000 },
    });
    expect(impact.newlyLiquidatable.debtUsd).toBeCloseTo(debtA + debtB, 9);
    expect(impact.byAsset).toHaveLength(1);
    expect(impact.byAsset[0]).toMatchObject({ asset: 'ETH', positions: 2, collateralUsd: 4_000 });
    // a, b, c, d are below 1.10 under the candidate; f (BTC, HF 1.0) too; e is not.
    expect(impact.belowAlert).toBe(5);
    expect(impact.nearEdge.map((p) => p.id)).toEqual(['d', 'a', 'b', 'f', 'c']);
    expect(impact.nearEdge[1]).toMatchObject({ id: 'a', hfCurrent: 1 });
  });

  it('counts nothing when the candidate loosens, or when nothing is on-chain to compare with', () => {
    const positions = [eth('a', 1.0), eth('b', 1.02)];
    const looser = positionImpact({
      positions,
      prices,
      current: { ltBps: { ETH: 9_000 } },
      candidate: { ltBps: { ETH: 9_100 } },
    });
    expect(looser.newlyLiquidatable.positions).toBe(0);
    const first = positionImpact({
      positions,
      prices,
      current: { ltBps: {} },
      candidate: { ltBps: { ETH: 8_000 } },
    });
    expect(first.newlyLiquidatable.positions).toBe(0);
    expect(first.nearEdge.every((p) => p.hfCurrent === null)).toBe(true);
    expect(first.belowAlert).toBe(2);
  });

  it('attributes a pair position to the pair and honours per-position alert levels and the listing cap', () => {
    const pair = { id: 'p', collateral: { ETH: 26 }, debt: { BTC: 1 }, alertLevel: 1.5 };
    // 26 × 2,000 × 0.97 / 50,000 = 1.0088 → at 0.95: 0.988.
    const impact = positionImpact({
      positions: [pair, eth('x', 1.3, { alertLevel: 1.2 })],
      prices,
      current: { ltBps: { ETH: 9_000, BTC: 8_000 }, pairLtBps: { 'ETH/BTC': 9_700 } },
      candidate: { ltBps: { ETH: 9_000, BTC: 8_000 }, pairLtBps: { 'ETH/BTC': 9_500 } },
      maxListed: 1,
    });
    expect(impact.byAsset).toEqual([
      { asset: 'ETH/BTC', positions: 1, collateralUsd: 52_000, debtUsd: 50_000 },
    ]);
    expect(impact.belowAlert).toBe(1);
    expect(impact.nearEdge).toHaveLength(1);
  });
});
