import type { SeriesColumns } from './types.js';

/** The header of series.csv (issue 5). */
export const SERIES_CSV_HEADER =
  'ts_ms,vol_index_bps,ltv_bps,lt_bps,lb_bps,haircut_bps,q_bps,slip_bps,degraded';

/** Bytes a row can take at most: nine fields of at most 24 characters (`String` of any number), separators, newline. */
const MAX_ROW_BYTES = 9 * 25 + 1;

/**
 * series.csv: one row per hour, integers only, `degraded` as 0/1. The text is written as ASCII
 * bytes into one growing buffer (digits of each integer, no string per row or field), and equals
 * the template `${ts},${volIndexBps},…` joined by newlines, character for character: a field that
 * is not a non-negative safe integer is written as `String(value)`.
 */
export function formatSeriesCsv(rows: SeriesColumns): string {
  let out = new Uint8Array(SERIES_CSV_HEADER.length + 1 + rows.length * 48);
  let n = writeAscii(out, 0, SERIES_CSV_HEADER);
  out[n++] = 10;
  for (let k = 0; k < rows.length; k++) {
    if (n + MAX_ROW_BYTES > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, n + MAX_ROW_BYTES));
      grown.set(out.subarray(0, n));
      out = grown;
    }
    n = writeNumber(out, n, rows.ts[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.volIndexBps[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.ltvBps[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.ltBps[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.lbBps[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.haircutBps[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.qBps[k]!);
    out[n++] = 44;
    n = writeNumber(out, n, rows.slipBps[k]!);
    out[n++] = 44;
    out[n++] = rows.degraded[k] === 1 ? 49 : 48;
    out[n++] = 10;
  }
  return Buffer.from(out.buffer, 0, n).toString('latin1');
}

/** `String(x)` at `at`; returns the end. */
function writeNumber(out: Uint8Array, at: number, x: number): number {
  if (!(Number.isSafeInteger(x) && x >= 0)) return writeAscii(out, at, String(x));
  let digits = 1;
  for (let p = 10; p <= x; p *= 10) digits += 1;
  let v = x;
  for (let i = at + digits - 1; i >= at; i--) {
    const q = Math.floor(v / 10);
    out[i] = 48 + (v - q * 10);
    v = q;
  }
  return at + digits;
}

function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}
