import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consolidateLevels } from '../../../shared/market/aggregate/consolidateLevels.js';
import {
  selectReferencePrice,
  type VenueQuote,
} from '../../../shared/market/aggregate/selectReferencePrice.js';
import { sellSlippage } from '../../../shared/core/sellSlippage.js';
import { VENUE_IDS } from '../../../shared/core/venues.js';
import type { Level } from '../../../shared/core/types.js';

const NOW = 1_725_156_000_000;
const params = { nowMs: NOW, maxAgeMs: 600_000, maxFutureSkewMs: 60_000, maxDeviation: 0.02, minVenues: 3 };
const toQuote = (venue: VenueQuote['venue'], mid: number): VenueQuote => ({
  venue,
  bestBid: mid * (1 - 1e-4),
  bestAsk: mid * (1 + 1e-4),
  ts: NOW,
});
const mid = fc.double({ min: 1e-3, max: 1e6, noNaN: true });

describe('reference price properties', () => {
  it('lies within the range of the venues’ mids', () => {
    fc.assert(
      fc.property(fc.array(mid, { minLength: 1, maxLength: 5 }), (mids) => {
        const r = selectReferencePrice({ ...params, quotes: mids.map((m, i) => toQuote(VENUE_IDS[i]!, m)) });
        const used = r.accepted.map((a) => a.mid);
        // With an odd count the median is one venue's mid (deviation 0), so something always survives;
        // with an even count two venues further apart than 2 × maxDeviation are both rejected.
        if (mids.length % 2 === 1) expect(r.referencePrice).not.toBeNull();
        if (r.referencePrice === null) return;
        expect(r.referencePrice!).toBeGreaterThanOrEqual(Math.min(...used));
        expect(r.referencePrice!).toBeLessThanOrEqual(Math.max(...used));
        // …and so within the range of all venue mids.
        const all = mids.map((m) => (m * (1 - 1e-4) + m * (1 + 1e-4)) / 2);
        expect(r.referencePrice!).toBeGreaterThanOrEqual(Math.min(...all));
        expect(r.referencePrice!).toBeLessThanOrEqual(Math.max(...all));
      }),
    );
  });

  it('one manipulated venue of five never moves it outside the honest venues’ range (by more than their spread)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.array(fc.double({ min: -0.015, max: 0.015, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.oneof(
          fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
          fc.double({ min: -0.03, max: 0.03, noNaN: true }),
        ),
        fc.nat({ max: 4 }),
        (center, offsets, manipulation, slot) => {
          const honest = offsets.map((o) => center * (1 + o));
          const manipulated = Math.abs(manipulation) < 1 ? center * (1 + manipulation) : manipulation;
          const mids = [...honest];
          mids.splice(slot, 0, manipulated);
          const r = selectReferencePrice({
            ...params,
            quotes: mids.map((m, i) => toQuote(VENUE_IDS[i]!, m)),
          });
          const honestMids = honest.map((m) => (m * (1 - 1e-4) + m * (1 + 1e-4)) / 2);
          const lo = Math.min(...honestMids);
          const hi = Math.max(...honestMids);
          const spread = hi - lo;
          expect(r.referencePrice).not.toBeNull();
          // The honest reference (median of the four honest mids) and the result differ by at most the honest spread.
          const sorted = [...honestMids].sort((a, b) => a - b);
          const honestRef = (sorted[1]! + sorted[2]!) / 2;
          expect(Math.abs(r.referencePrice! - honestRef)).toBeLessThanOrEqual(spread * (1 + 1e-12));
          expect(r.referencePrice!).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
          expect(r.referencePrice!).toBeLessThanOrEqual(hi * (1 + 1e-12));
        },
      ),
    );
  });
});

describe('slippage properties on consolidated books', () => {
  const level = fc.tuple(
    fc.double({ min: 0.5, max: 100, noNaN: true }),
    fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
  );
  const venueBids = fc
    .array(level, { minLength: 1, maxLength: 50 })
    .map((levels) => [...levels].sort((a, b) => b[0] - a[0]) as Level[]);

  it('is monotone non-decreasing in the size Q', () => {
    fc.assert(
      fc.property(
        fc.array(venueBids, { minLength: 1, maxLength: 5 }),
        // Sizes in whole cents, as USD amounts are (subnormal doubles are not amounts).
        fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
        fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
        (books, q1, q2) => {
          const bids = consolidateLevels({
            side: 'bids',
            books: books.map((levels) => ({ levels, usdPerQuote: 1 })),
          });
          const referencePrice = bids[0]![0];
          const [small, large] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = sellSlippage({ bids, referencePrice, sizeUsd: small });
          const b = sellSlippage({ bids, referencePrice, sizeUsd: large });
          // Allow float rounding of the VWAP sums (≈1e-12 on near-equal prices); a real violation is far larger.
          expect(b.slippage).toBeGreaterThanOrEqual(a.slippage - 1e-9);
          expect(a.slippage).toBeGreaterThanOrEqual(0);
          expect(b.slippage).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('consolidation keeps bids strictly descending and conserves size', () => {
    fc.assert(
      fc.property(fc.array(venueBids, { minLength: 1, maxLength: 5 }), (books) => {
        const bids = consolidateLevels({
          side: 'bids',
          books: books.map((levels) => ({ levels, usdPerQuote: 1 })),
        });
        for (let i = 1; i < bids.length; i += 1) expect(bids[i]![0]).toBeLessThan(bids[i - 1]![0]);
        const total = books.flat().reduce((s, l) => s + l[1], 0);
        const merged = bids.reduce((s, l) => s + l[1], 0);
        expect(merged).toBeCloseTo(total, 6);
      }),
    );
  });
});
