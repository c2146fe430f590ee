import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSeriesCsv, SERIES_CSV_HEADER } from '../../../shared/backtest/formatSeriesCsv.js';
import { seriesColumnsOf } from '../../../shared/backtest/seriesColumnsOf.js';
import type { SeriesRow } from '../../../shared/backtest/types.js';

/** The plain definition: one template line per row. */
const reference = (rows: readonly SeriesRow[]): string =>
  `${[
    SERIES_CSV_HEADER,
    ...rows.map(
      (r) =>
        `${r.ts},${r.volIndexBps},${r.ltvBps},${r.ltBps},${r.lbBps},${r.haircutBps},${r.qBps},${r.slipBps},${r.degraded ? 1 : 0}`,
    ),
  ].join('\n')}\n`;

describe('formatSeriesCsv', () => {
  it('writes what the template gives, character for character (any integer, and any other number as String(x))', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }),
      fc.constantFrom(0, -0, 9, 10, 99, 100, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, 2 ** 53),
      fc.maxSafeInteger(),
      fc.double(),
    );
    const row = fc.record({
      ts: fc.oneof(
        fc.integer({ min: 0, max: 2_000_000_000 }).map((h) => h * 3_600_000),
        value,
      ),
      volIndexBps: value,
      ltvBps: value,
      ltBps: value,
      lbBps: value,
      haircutBps: value,
      qBps: value,
      slipBps: value,
      degraded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        expect(formatSeriesCsv(seriesColumnsOf(rows))).toBe(reference(rows));
      }),
      { numRuns: 300 },
    );
  });
});
