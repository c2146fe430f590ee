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

/** 10^k for k = 0…22: exactly representable doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Parses an hourly candle CSV with the header `ts_ms,open,high,low,close,volume`.
 *
 * One pass over the text without splitting it: each plain decimal cell (`[-+]?digits[.digits]`, at
 * most 15 significant digits, at most 22 after the point) is read as the integer `M` of its digits
 * divided by `10^k`; both are exact doubles and IEEE division rounds correctly, so this is the very
 * double `Number(cell)` gives (the fast path of every correctly rounded decimal reader). Any other
 * line (spaces, exponents, long digit strings, blank or malformed lines) goes through the general
 * path: split, trim, the number pattern and `Number`. The result and every error are the same as
 * the general path alone would give.
 * @param source the file name, used in error messages (`FILE:LINE: ...`).
 * @throws BacktestInputError on a missing column, a short row, a non-numeric cell, a timestamp off the
 *   hour, an unsorted or duplicate timestamp, or a non-positive price — naming the line.
 */
export function readCandlesCsv(text: string, source: string): ReadCandlesCsvResult {
  const firstEnd = lineEnd(text, 0);
  const header = text
    .slice(0, firstEnd.end)
    .split(',')
    .map((h) => h.trim().toLowerCase());
  const missing = CANDLE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new BacktestInputError(
      `${source}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name ${CANDLE_COLUMNS.join(',')}`,
    );
  }
  const index = CANDLE_COLUMNS.map((c) => header.indexOf(c));
  // Cell k of a line lands in slot column[k] (−1: not a candle column).
  const column = new Int32Array(header.length).fill(-1);
  for (let k = 0; k < index.length; k++) column[index[k]!] = k;
  const values = new Float64Array(6);
  const candles: Candle[] = [];
  let gapHours = 0;
  let gaps = 0;
  let prevTs = Number.NEGATIVE_INFINITY;
  let prevLine = 0;
  let lineNo = 1;
  // Up to and including the empty line after a final line break (split(/\r?\n/) yields it too).
  for (let pos = firstEnd.next; pos <= text.length;) {
    lineNo += 1;
    const { end, next } = lineEnd(text, pos);
    const start = pos;
    pos = next;
    if (end === start) continue; // an empty line
    if (!fastLine(text, start, end, column, header.length, values)) {
      const line = text.slice(start, end);
      if (line.trim() === '') continue;
      slowLine(line, lineNo, source, header, index, values);
    }
    const ts = values[0]!;
    const open = values[1]!;
    const high = values[2]!;
    const low = values[3]!;
    const close = values[4]!;
    const volume = values[5]!;
    if (!Number.isSafeInteger(ts) || ts % HOUR_MS !== 0)
      throw new BacktestInputError(
        `${source}:${lineNo}: ts_ms ${text.slice(start, end).split(',')[index[0]!]} is not a whole hour in ms UTC (a multiple of 3600000)`,
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
    // Counted on every row, 0 when none is missing, not in a branch taken at the first gap only:
    // V8 then optimises this loop once, instead of again after deoptimising at that first gap.
    const missing = candles.length > 0 ? (ts - prevTs) / HOUR_MS - 1 : 0;
    gapHours += missing;
    gaps += missing > 0 ? 1 : 0;
    candles.push([ts, open, high, low, close, volume]);
    prevTs = ts;
    prevLine = lineNo;
  }
  if (candles.length === 0) throw new BacktestInputError(`${source}: no data rows after the header`);
  return { candles, gapHours, gaps, lastLine: prevLine };
}

/** The line starting at `pos`: its end (before `\r\n` or `\n`, as `split(/\r?\n/)` cuts) and where the next begins. */
function lineEnd(text: string, pos: number): { end: number; next: number } {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return { end: text.length, next: text.length + 1 };
  return { end: nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, next: nl + 1 };
}

/**
 * Reads a line of plain decimals into `values` (slot column[k] for cell k); false, with `values`
 * unspecified, when any cell needs the general path (or the line is short: its error comes from there).
 */
function fastLine(
  text: string,
  start: number,
  end: number,
  column: Int32Array,
  cells: number,
  values: Float64Array,
): boolean {
  let cell = 0;
  let i = start;
  for (;;) {
    // One cell: [-+]? digits [. digits], the integer M of its digits and the digits after the point.
    let c = text.charCodeAt(i);
    const negative = c === 45;
    if (c === 45 || c === 43) c = text.charCodeAt(++i);
    let m = 0;
    let digits = 0; // significant digits in m (leading zeros do not count)
    let any = false;
    let scale = 0;
    while (c >= 48 && c <= 57) {
      if (m !== 0 || c !== 48) digits += 1;
      m = m * 10 + (c - 48);
      any = true;
      c = text.charCodeAt(++i);
    }
    if (c === 46) {
      c = text.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        if (m !== 0 || c !== 48) digits += 1;
        m = m * 10 + (c - 48);
        scale += 1;
        any = true;
        c = text.charCodeAt(++i);
      }
    }
    if (!any || digits > 15 || scale > 22) return false;
    if (i !== end && c !== 44) return false; // anything but the next comma or the end of the line
    if (cell < cells) {
      const slot = column[cell]!;
      if (slot >= 0) {
        const v = scale === 0 ? m : m / POW10[scale]!;
        values[slot] = negative ? -v : v;
      }
    }
    cell += 1;
    if (i === end) return cell >= cells;
    i += 1; // past the comma
  }
}

/** The general path for one line: split, trim, the number pattern and `Number`. */
function slowLine(
  line: string,
  lineNo: number,
  source: string,
  header: readonly string[],
  index: readonly number[],
  values: Float64Array,
): void {
  const cells = line.split(',');
  if (cells.length < header.length)
    throw new BacktestInputError(
      `${source}:${lineNo}: ${cells.length} cells, expected ${header.length} (${header.join(',')})`,
    );
  for (let k = 0; k < index.length; k++) {
    const cell = cells[index[k]!]!.trim();
    if (!NUMBER.test(cell))
      throw new BacktestInputError(
        `${source}:${lineNo}: column ${CANDLE_COLUMNS[k]} is "${cell}", expected a number`,
      );
    values[k] = Number(cell);
  }
}
