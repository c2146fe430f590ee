import { HOUR_MS } from '../core/time.js';
import type { Candle } from '../core/types.js';
import { BacktestInputError } from './errors.js';

/** The columns a candle CSV must have (the format of ../shared/data/ohlcv), in any order. */
export const CANDLE_COLUMNS = ['ts_ms', 'open', 'high', 'low', 'close', 'volume'] as const;

export interface ReadCandlesCsvResult {
  readonly candles: Candle[];
  /** Missing hours between consecutive rows (gaps are allowed and counted, never filled). */
  readonly gapHours: number;
  /** Number of gaps (runs of missing hours). */
  readonly gaps: number;
  /** 1-based line number of the last data row. */
  readonly lastLine: number;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses an hourly candle CSV with the header `ts_ms,open,high,low,close,volume`.
 * @param source the file name, used in error messages (`FILE:LINE: ...`).
 * @throws BacktestInputError on a missing column, a short row, a non-numeric cell, a timestamp off the
 *   hour, an unsorted or duplicate timestamp, or a non-positive price — naming the line.
 */
export function readCandlesCsv(text: string, source: string): ReadCandlesCsvResult {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const missing = CANDLE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new BacktestInputError(
      `${source}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name ${CANDLE_COLUMNS.join(',')}`,
    );
  }
  const index = CANDLE_COLUMNS.map((c) => header.indexOf(c));
  const candles: Candle[] = [];
  let gapHours = 0;
  let gaps = 0;
  let prevTs = Number.NEGATIVE_INFINITY;
  let prevLine = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const cells = line.split(',');
    if (cells.length < header.length)
      throw new BacktestInputError(
        `${source}:${lineNo}: ${cells.length} cells, expected ${header.length} (${header.join(',')})`,
      );
    const values = index.map((col, k) => {
      const cell = cells[col]!.trim();
      if (!NUMBER.test(cell))
        throw new BacktestInputError(
          `${source}:${lineNo}: column ${CANDLE_COLUMNS[k]} is "${cell}", expected a number`,
        );
      return Number(cell);
    }) as [number, number, number, number, number, number];
    const [ts, open, high, low, close, volume] = values;
    if (!Number.isSafeInteger(ts) || ts % HOUR_MS !== 0)
      throw new BacktestInputError(
        `${source}:${lineNo}: ts_ms ${cells[index[0]!]} is not a whole hour in ms UTC (a multiple of 3600000)`,
      );
    if (ts === prevTs)
      throw new BacktestInputError(
        `${source}:${lineNo}: duplicate timestamp ${ts} (also on line ${prevLine})`,
      );
    if (ts < prevTs)
      throw new BacktestInputError(
        `${source}:${lineNo}: timestamp ${ts} is before line ${prevLine} (${prevTs}); rows must be sorted by ts_ms ascending`,
      );
    if (!(open > 0 && high > 0 && low > 0 && close > 0))
      throw new BacktestInputError(
        `${source}:${lineNo}: prices must be > 0, got open ${open}, high ${high}, low ${low}, close ${close}`,
      );
    if (low > high) throw new BacktestInputError(`${source}:${lineNo}: low ${low} is above high ${high}`);
    if (!(volume >= 0))
      throw new BacktestInputError(`${source}:${lineNo}: volume must be >= 0, got ${volume}`);
    if (candles.length > 0 && ts - prevTs > HOUR_MS) {
      gaps += 1;
      gapHours += (ts - prevTs) / HOUR_MS - 1;
    }
    candles.push([ts, open, high, low, close, volume]);
    prevTs = ts;
    prevLine = lineNo;
  }
  if (candles.length === 0) throw new BacktestInputError(`${source}: no data rows after the header`);
  return { candles, gapHours, gaps, lastLine: prevLine };
}
