import { describe, expect, it } from 'vitest';
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

  it('cuts the bids below the 2 % band once the liquidation size is filled', () => {
    // 1,000 USD at 100 = 10 base units: filled by the first level, so only the band's levels stay.
    expect(toRiskInputs(snapshot(), 1_000).book?.bids).toEqual([
      [99.9, 10],
      [99, 10],
      [98.5, 10],
    ]);
    // 4,500 USD = 45 units: the walk goes below the band until the size is filled.
    expect(toRiskInputs(snapshot(), 4_500).book?.bids).toEqual([
      [99.9, 10],
      [99, 10],
      [98.5, 10],
      [97, 10],
      [90, 1000],
    ]);
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
