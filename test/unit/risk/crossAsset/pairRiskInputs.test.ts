import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sellSlippage } from '../../../../shared/core/sellSlippage.js';
import { depthWithin } from '../../../../shared/core/depthWithin.js';
import type { Candle, Level } from '../../../../shared/core/types.js';
import { CrossAssetInputError } from '../../../../shared/risk/crossAsset/errors.js';
import { pairRiskInputs } from '../../../../shared/risk/crossAsset/pairRiskInputs.js';
import type { RiskInputs } from '../../../../shared/risk/types.js';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
const candle = (hour: number, close: number, volume = 10): Candle => [
  T0 + hour * H,
  close,
  close * 1.01,
  close * 0.99,
  close,
  volume,
];

function inputs(
  asset: string,
  closes: readonly number[],
  asOfHour: number,
  extra: Partial<RiskInputs> = {},
): RiskInputs {
  return {
    asset,
    asOf: T0 + asOfHour * H,
    candles: closes.map((c, i) => candle(i, c)),
    quality: { degraded: false, reasons: [] },
    ...extra,
  };
}

describe('pairRiskInputs (docs/cross-asset.md §2)', () => {
  it('prices the pair on the ratio of the legs up to the earlier asOf, without implied volatility', () => {
    const eth = inputs('ETH', [2000, 2100, 2050, 2200], 4, {
      impliedVol: { source: 'deribit-dvol', annualised: 0.6, ts: T0 },
    } as never);
    const btc = inputs('BTC', [40_000, 42_000, 41_000, 40_000], 3);
    const pair = pairRiskInputs({ pair: 'ETH/BTC', collateral: eth, debt: btc });
    expect(pair.asset).toBe('ETH/BTC');
    expect(pair.asOf).toBe(T0 + 3 * H);
    // Hour 3 closes at asOf + 1 h for BTC's asOf: left out.
    expect(pair.candles.map((c) => c[4])).toEqual([2000 / 40_000, 2100 / 42_000, 2050 / 41_000]);
    // Volume × close is ETH's USD volume.
    expect(pair.candles[1]![5] * pair.candles[1]![4]).toBeCloseTo(10 * 2100, 9);
    expect(pair.impliedVol).toBeUndefined();
    expect(pair.book).toBeUndefined();
    expect(pair.quality).toEqual({ degraded: false, reasons: [] });
  });

  it("is degraded when either leg is, naming each leg's reasons", () => {
    const eth = inputs('ETH', [2000, 2100], 2, {
      quality: { degraded: false, reasons: ['okx excluded: stale'] },
    });
    const btc = inputs('BTC', [40_000, 42_000], 2, {
      quality: { degraded: true, reasons: ['below quorum (2 of 3)'] },
    });
    expect(pairRiskInputs({ pair: 'ETH/BTC', collateral: eth, debt: btc }).quality).toEqual({
      degraded: true,
      reasons: ['ETH: okx excluded: stale', 'BTC: below quorum (2 of 3)'],
    });
  });

  it('refuses an id that does not name its legs', () => {
    const eth = inputs('ETH', [2000], 1);
    const btc = inputs('BTC', [40_000], 1);
    expect(() => pairRiskInputs({ pair: 'BTC/ETH', collateral: eth, debt: btc })).toThrow(
      CrossAssetInputError,
    );
    expect(() => pairRiskInputs({ pair: 'ETH/ETH', collateral: eth, debt: eth })).toThrow(
      /two different assets/,
    );
  });

  it("re-expresses C's book in units of D: the same slippage for every size, the same USD depth", () => {
    const level = fc.tuple(
      fc.double({ min: 0.5, max: 1, noNaN: true }),
      fc.double({ min: 0.01, max: 50, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.array(level, { minLength: 1, maxLength: 20 }),
        fc.double({ min: 1, max: 5_000_000, noNaN: true }),
        (refC, refD, rel, sizeUsd) => {
          const bids: Level[] = rel.map(([f, q]) => [refC * f, q] as const).sort((a, b) => b[0] - a[0]);
          const book = { referencePrice: refC, bids, bestBid: bids[0]![0], bestAsk: refC * 1.001 };
          const eth = inputs('ETH', [refC], 1, { book });
          const btc = inputs('BTC', [refD], 1, {
            book: { referencePrice: refD, bids: [[refD * 0.999, 1]], bestBid: refD * 0.999, bestAsk: refD },
          });
          const pair = pairRiskInputs({ pair: 'ETH/BTC', collateral: eth, debt: btc }).book!;
          expect(pair.referencePrice).toBeCloseTo(refC / refD, 12);
          const usd = sellSlippage({ bids, referencePrice: refC, sizeUsd });
          const ratio = sellSlippage({ bids: pair.bids, referencePrice: pair.referencePrice, sizeUsd });
          expect(ratio.slippage).toBeCloseTo(usd.slippage, 9);
          expect(ratio.exhausted).toBe(usd.exhausted);
          const band = 0.02;
          expect(depthWithin({ bids: pair.bids, referencePrice: pair.referencePrice, band })).toBeCloseTo(
            depthWithin({ bids, referencePrice: refC, band }),
            6,
          );
          expect((pair.bestAsk - pair.bestBid) / pair.bestAsk).toBeCloseTo(
            (book.bestAsk - book.bestBid) / book.bestAsk,
            12,
          );
        },
      ),
    );
  });
});
