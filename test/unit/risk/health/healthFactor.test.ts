import { describe, expect, it } from 'vitest';
import { healthFactor } from '../../../../shared/risk/health/healthFactor.js';

const prices = { ETH: 2_000, BTC: 50_000, USD: 1 };

describe('healthFactor (docs/methodology.md §11)', () => {
  it('is collateral value × LT over debt value', () => {
    // 10 ETH × 2,000 × 0.85 = 17,000 against 10,000 USD.
    const result = healthFactor({
      position: { id: 'a', collateral: { ETH: 10 }, debt: { USD: 10_000 } },
      prices,
      params: { ltBps: { ETH: 8_500 } },
    });
    expect(result).toEqual({ kind: 'ok', hf: 1.7, collateralUsd: 20_000, debtUsd: 10_000 });
  });

  it('sums several collaterals each at its own LT', () => {
    // (1 BTC × 50,000 × 0.8 + 5 ETH × 2,000 × 0.9) / (45,000) = (40,000 + 9,000) / 45,000.
    const result = healthFactor({
      position: { id: 'a', collateral: { BTC: 1, ETH: 5 }, debt: { USD: 45_000 } },
      prices,
      params: { ltBps: { BTC: 8_000, ETH: 9_000 } },
    });
    expect(result.kind === 'ok' && result.hf).toBeCloseTo(49_000 / 45_000, 12);
  });

  it('uses the pair LT when one collateral and one debt form a configured pair', () => {
    const position = { id: 'a', collateral: { ETH: 30 }, debt: { BTC: 1 } };
    const params = { ltBps: { ETH: 8_000, BTC: 8_000 }, pairLtBps: { 'ETH/BTC': 9_300 } };
    const result = healthFactor({ position, prices, params });
    // 30 × 2,000 × 0.93 / 50,000 = 1.116.
    expect(result).toMatchObject({ kind: 'ok', pair: 'ETH/BTC' });
    expect(result.kind === 'ok' && result.hf).toBeCloseTo(1.116, 12);
    // Without the pair configured, ETH's own LT applies: 30 × 2,000 × 0.8 / 50,000 = 0.96.
    const isolated = healthFactor({ position, prices, params: { ltBps: params.ltBps } });
    expect(isolated.kind === 'ok' && isolated.hf).toBeCloseTo(0.96, 12);
    expect(isolated).not.toHaveProperty('pair');
  });

  it('is Infinity without debt, and unknown when a price or an LT is missing', () => {
    expect(
      healthFactor({
        position: { id: 'a', collateral: { ETH: 1 }, debt: {} },
        prices,
        params: { ltBps: { ETH: 1 } },
      }),
    ).toMatchObject({ kind: 'ok', hf: Infinity, debtUsd: 0 });
    expect(
      healthFactor({
        position: { id: 'a', collateral: { ETH: 1, SOL: 3 }, debt: { DOGE: 5 } },
        prices,
        params: { ltBps: { ETH: 8_000 } },
      }),
    ).toEqual({ kind: 'unknown', missing: ['DOGE', 'SOL'] });
  });
});
