import { describe, expect, it } from 'vitest';
import { sellSlippage } from '../../../../shared/core/sellSlippage.js';
import { toRiskInputs } from '../../../../shared/pipeline/collect/toRiskInputs.js';
import type { MarketSnapshot } from '../../../../shared/market/types.js';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 0, 10, 12, 30);

function snapshot(overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return {
    asset: 'BTC',
    ts: T,
    referencePrice: 100,
    bestBid: 99.9,
    bestAsk: 100.1,
    bids: [
      [99.9, 10],
      [99, 10],
      [98.5, 10],
      [97, 10],
      [90, 1000],
    ],
    depth2PctUsd: 2_977,
    slippage: null,
    candles: [
      [T - 3 * HOUR, 1, 1, 1, 1, 1],
      [T - 2 * HOUR, 1, 1, 1, 1, 1],
      // Still open at `ts` (12:00–13:00): never an input.
      [Date.UTC(2026, 0, 10, 12), 1, 1, 1, 1, 1],
    ],
    venues: [],
    quoteRates: { USD: 1, USDT: 1, USDC: 1 },
    quorum: { required: 3, accepted: 5 },
    degraded: false,
    reasons: [],
    ...overrides,
  };
}

describe('toRiskInputs', () => {
  it('keeps closed candles only and stamps asOf at the last full hour', () => {
    const inputs = toRiskInputs(snapshot(), 1_000);
    expect(inputs.asOf).toBe(Date.UTC(2026, 0, 10, 12));
    expect(inputs.candles.map(([ts]) => ts)).toEqual([T - 3 * HOUR, T - 2 * HOUR]);
  });

  it('keeps exactly the levels the liquidation walk reads, and the depth as an input', () => {
    // 1,000 USD at 100 = 10 base units: the first level fills it, so the walk reads nothing else.
    const small = toRiskInputs(snapshot(), 1_000).book;
    expect(small?.bids).toEqual([[99.9, 10]]);
    expect(small?.depth2PctUsd).toBe(2_977);
    // 3,500 USD = 35 units: 10 + 10 + 10 + 5 of the fourth level (below the 2 % band).
    expect(toRiskInputs(snapshot(), 3_500).book?.bids).toEqual([
      [99.9, 10],
      [99, 10],
      [98.5, 10],
      [97, 10],
    ]);
    // More than the book holds: every level is read (the engine then extrapolates).
    expect(toRiskInputs(snapshot(), 200_000).book?.bids).toHaveLength(5);
  });

  it('walks the cut book to the same slippage, bit for bit, as the whole book', () => {
    for (const sizeUsd of [1, 999.99, 1_000, 2_000.01, 3_500, 4_000, 4_000.000001, 103_000, 200_000]) {
      const whole = snapshot();
      const cut = toRiskInputs(whole, sizeUsd).book!;
      const onWhole = sellSlippage({ bids: whole.bids, referencePrice: 100, sizeUsd });
      const onCut = sellSlippage({ bids: cut.bids, referencePrice: cut.referencePrice, sizeUsd });
      expect({ ...onCut, levelsRead: 0 }).toEqual({ ...onWhole, levelsRead: 0 });
      expect(Object.is(onCut.slippage, onWhole.slippage)).toBe(true);
    }
  });

  it('carries no book when there is no reference price', () => {
    const inputs = toRiskInputs(
      snapshot({ referencePrice: null, degraded: true, reasons: ['quorum'] }),
      1_000,
    );
    expect(inputs.book).toBeUndefined();
    expect(inputs.quality).toEqual({ degraded: true, reasons: ['quorum'] });
  });
});
