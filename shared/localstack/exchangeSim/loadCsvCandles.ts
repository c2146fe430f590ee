import { readFileSync } from 'node:fs';
import type { Candle } from '../../market/types.js';

/**
 * Reads `ts_ms,open,high,low,close,volume` rows (header first, ascending) from a CSV file.
 * About 30 ms for 43,800 rows; the simulator calls it lazily, on an asset's first request.
 */
export function loadCsvCandles(path: string): Candle[] {
  const text = readFileSync(path, 'utf8');
  const out: Candle[] = [];
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const parts = text.slice(start, end).split(',');
    if (parts.length >= 6) {
      const c: Candle = [
        Number(parts[0]),
        Number(parts[1]),
        Number(parts[2]),
        Number(parts[3]),
        Number(parts[4]),
        Number(parts[5]),
      ];
      if (c.every(Number.isFinite)) out.push(c);
    }
    start = end + 1;
  }
  return out;
}
