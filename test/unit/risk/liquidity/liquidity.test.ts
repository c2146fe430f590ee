import { describe, expect, it } from 'vitest';
import type { Level } from '../../../../shared/core/types.js';
import { liquidationHorizon } from '../../../../shared/risk/liquidity/liquidationHorizon.js';
import { liquidationSlippage } from '../../../../shared/risk/liquidity/liquidationSlippage.js';
import { squareRootSlippage } from '../../../../shared/risk/liquidity/squareRootSlippage.js';

// Hand-built consolidated book around a reference of 100 USD.
const bids: Level[] = [
  [99.9, 1000], // 99 900 USD
  [99.5, 2000], // 199 000 USD
  [99.0, 3000], // 297 000 USD
  [97.0, 10000], // outside ±2 %
];
const book = { referencePrice: 100, bids, bestBid: 99.9, bestAsk: 100.1 };

describe('slippage on a hand-built book', () => {
  it('walks the bids: selling 400 000 USD = 4 000 units fills 1000@99.9, 2000@99.5, 1000@99.0', () => {
    const r = liquidationSlippage({
      book,
      sizeUsd: 400_000,
      sigmaDaily: 0.03,
      advUsd: 1e9,
      impactY: 0.7,
      proxySpread: 0,
    });
    const vwap = (1000 * 99.9 + 2000 * 99.5 + 1000 * 99.0) / 4000;
    expect(r.source).toBe('book');
    expect(r.slip).toBeCloseTo(1 - vwap / 100, 14);
    expect(r.sqrtExtrapolated).toBe(false);
    expect(r.spread).toBeCloseTo(0.2 / 100, 14);
    expect(r.depth2PctUsd).toBeCloseTo(99.9 * 1000 + 99.5 * 2000 + 99 * 3000, 6);
  });

  it('extrapolates with the square-root law when Q exceeds the visible book, and flags it', () => {
    const r = liquidationSlippage({
      book,
      sizeUsd: 5_000_000,
      sigmaDaily: 0.03,
      advUsd: 1e8,
      impactY: 0.7,
      proxySpread: 0,
    });
    const law = 0.5 * 0.002 + 0.7 * 0.03 * Math.sqrt(5_000_000 / 1e8);
    expect(r.source).toBe('book+sqrt');
    expect(r.sqrtExtrapolated).toBe(true);
    expect(r.slip).toBeCloseTo(
      Math.max(law, 1 - (1000 * 99.9 + 2000 * 99.5 + 3000 * 99 + 10000 * 97) / 16000 / 100),
      14,
    );
  });

  it('uses the proxy without a book', () => {
    const r = liquidationSlippage({
      book: undefined,
      sizeUsd: 1e6,
      sigmaDaily: 0.04,
      advUsd: 1e8,
      impactY: 0.7,
      proxySpread: 0.0005,
    });
    expect(r.source).toBe('proxy');
    expect(r.slip).toBeCloseTo(0.00025 + 0.7 * 0.04 * 0.1, 15);
  });

  it('square-root law: no volume means total loss, result capped at 1', () => {
    expect(squareRootSlippage({ spread: 0, sigmaDaily: 0.05, sizeUsd: 1, advUsd: 0, impactY: 0.7 })).toBe(1);
    expect(squareRootSlippage({ spread: 0, sigmaDaily: 5, sizeUsd: 1e9, advUsd: 1, impactY: 0.7 })).toBe(1);
  });
});

describe('liquidation horizon', () => {
  it('H = H_base + Q/(ρ V_h), capped', () => {
    expect(
      liquidationHorizon({
        sizeUsd: 5e6,
        hourlyVolumeUsd: 1e7,
        participation: 0.1,
        baseHours: 24,
        maxHours: 168,
      }),
    ).toBe(29);
    expect(
      liquidationHorizon({
        sizeUsd: 5e9,
        hourlyVolumeUsd: 1e7,
        participation: 0.1,
        baseHours: 24,
        maxHours: 168,
      }),
    ).toBe(168);
    expect(
      liquidationHorizon({
        sizeUsd: 5e6,
        hourlyVolumeUsd: 0,
        participation: 0.1,
        baseHours: 24,
        maxHours: 168,
      }),
    ).toBe(168);
  });
});
