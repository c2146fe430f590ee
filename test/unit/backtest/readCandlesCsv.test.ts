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
});
