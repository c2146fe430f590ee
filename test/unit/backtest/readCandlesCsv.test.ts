import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacktestInputError } from '../../../shared/backtest/errors.js';
import { readCandlesCsv } from '../../../shared/backtest/readCandlesCsv.js';

const H = 3_600_000;
const row = (h: number, close = 100): string => `${h * H},${close},${close + 1},${close - 1},${close},10`;
const csv = (...rows: string[]): string => ['ts_ms,open,high,low,close,volume', ...rows].join('\n');

describe('readCandlesCsv', () => {
  it('parses rows, counts gaps and ignores a trailing newline', () => {
    const r = readCandlesCsv(`${csv(row(0), row(1), row(4), row(5), row(7))}\n`, 'c.csv');
    expect(r.candles).toHaveLength(5);
    expect(r.candles[2]).toEqual([4 * H, 100, 101, 99, 100, 10]);
    expect(r.gaps).toBe(2);
    expect(r.gapHours).toBe(3);
    expect(r.lastLine).toBe(6);
  });

  it('accepts the columns in another order', () => {
    const r = readCandlesCsv(`volume,close,low,high,open,ts_ms\n10,100,99,101,100,${H}`, 'c.csv');
    expect(r.candles[0]).toEqual([H, 100, 101, 99, 100, 10]);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['missing columns', 'ts_ms,open,close\n0,1,1', /c\.csv:1: missing columns high, low, volume/],
    [
      'a non-numeric cell',
      csv(row(0), `${H},100,abc,99,100,10`),
      /c\.csv:3: column high is "abc", expected a number/,
    ],
    ['an empty cell', csv(row(0), `${H},100,101,,100,10`), /c\.csv:3: column low is "", expected a number/],
    [
      'a duplicate timestamp',
      csv(row(0), row(1), row(1)),
      /c\.csv:4: duplicate timestamp 3600000 \(also on line 3\)/,
    ],
    ['an unsorted timestamp', csv(row(0), row(2), row(1)), /c\.csv:4: timestamp 3600000 is before line 3/],
    [
      'a timestamp off the hour',
      csv(row(0), `${H + 5},100,101,99,100,10`),
      /c\.csv:3: ts_ms .* not a whole hour/,
    ],
    ['a short row', csv(row(0), '3600000,1,2'), /c\.csv:3: 3 cells, expected 6/],
    ['a zero price', csv(row(0), `${H},100,101,99,0,10`), /c\.csv:3: prices must be > 0/],
    ['no rows', 'ts_ms,open,high,low,close,volume\n', /c\.csv: no data rows/],
  ];
  it.each(cases)('rejects %s with the line number', (_name, text, message) => {
    expect(() => readCandlesCsv(text, 'c.csv')).toThrow(BacktestInputError);
    expect(() => readCandlesCsv(text, 'c.csv')).toThrow(message);
  });

  it('reads every cell as Number(cell.trim()) does, bit for bit, whatever its spelling (fast and general path)', () => {
    // Spellings of a positive double: shortest form, fixed, precision, exponent, long digit
    // strings, leading zeros and '+', surrounding spaces (the general path), and 15-16 digits
    // around the fast path's limit.
    const spelling = fc
      .tuple(
        fc.double({ min: 0.1, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 20 }),
      )
      .map(([x, how, k]) => {
        const forms = [
          String(x),
          x.toFixed(Math.min(k, 20)),
          x.toPrecision(k),
          x.toExponential(Math.min(k, 20)),
          `+${x.toPrecision(Math.min(k, 15))}`,
          `000${x.toFixed(3)}`,
          ` ${x.toPrecision(6)}\t`,
          x.toPrecision(15),
          x.toPrecision(16),
          `${Math.ceil(x)}.`,
        ];
        return forms[how]!;
      });
    const volume = fc.oneof(spelling, fc.constantFrom('0', '-0', '0.000', '-0.0'));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(spelling, spelling, spelling, spelling, volume), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, eol, blankLines) => {
          const lines = rows.map(([o, h, l, c, v], i) => `${(i + 1) * H},${o},${h},${l},${c},${v}`);
          const text = ['ts_ms,open,high,low,close,volume', ...lines].join(blankLines ? `${eol}${eol}` : eol);
          const expected = rows.map(([o, h, l, c, v], i) => [
            (i + 1) * H,
            ...[o, h, l, c, v].map((cell) => Number(cell.trim())),
          ]);
          // Spellings may round differently: a row whose low ends above its high is refused, as it must be.
          if (expected.some(([, , h, l]) => l! > h!)) {
            expect(() => readCandlesCsv(text, 'p.csv')).toThrow(/low .* is above high/);
            return;
          }
          const got = readCandlesCsv(text, 'p.csv').candles;
          expect(got.length).toBe(expected.length);
          for (let i = 0; i < got.length; i++)
            for (let k = 0; k < 6; k++)
              expect(Object.is(got[i]![k], expected[i]![k]), `row ${i} column ${k}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
