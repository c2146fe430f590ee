import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../shared/config/defaults.js';
import { depthWithin } from '../../../shared/core/depthWithin.js';

const band = DEFAULTS.depthBand;

describe('depthWithin', () => {
  it('sums the USD value of bids at or above 98% of the reference', () => {
    expect(
      depthWithin({
        referencePrice: 100,
        band,
        bids: [
          [99.5, 1],
          [98, 2],
          [97.99, 100],
        ],
      }),
    ).toBe(99.5 + 196);
  });

  it('depth within 2 % counts bids priced ≥ 98 % of the reference', () => {
    expect(
      depthWithin({
        bids: [
          [98, 1],
          [97.99, 100],
        ],
        referencePrice: 100,
        band: 0.02,
      }),
    ).toBe(98);
  });

  it('reads every level: an unsorted book gives the same depth as the sorted one', () => {
    const sorted = [
      [99.5, 1],
      [98.5, 3],
      [98, 2],
      [97, 50],
    ] as const;
    const unsorted = [sorted[3], sorted[1], sorted[0], sorted[2]];
    expect(depthWithin({ bids: unsorted, referencePrice: 100, band })).toBe(
      depthWithin({ bids: sorted, referencePrice: 100, band }),
    );
  });
});
