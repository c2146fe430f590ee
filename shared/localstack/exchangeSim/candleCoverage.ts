import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the candle files cover, for every asset at once: the latest first candle and the earliest last one. */
export interface CandleCoverage {
  readonly fromMs: number;
  readonly toMs: number;
  /** The folder, for messages. */
  readonly source: string;
}

/**
 * The time range the `<ASSET>_USDT-1h.csv` files in `dataDir` cover for all of `assets` (first
 * column of the first and last data rows). Undefined when a file is missing.
 */
export function candleCoverage(dataDir: string, assets: readonly string[]): CandleCoverage | undefined {
  let fromMs = Number.NEGATIVE_INFINITY;
  let toMs = Number.POSITIVE_INFINITY;
  for (const asset of assets) {
    const file = join(dataDir, `${asset}_USDT-1h.csv`);
    if (!existsSync(file)) return undefined;
    const rows = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^\d/.test(line));
    const first = Number(rows[0]?.split(',')[0]);
    const last = Number(rows[rows.length - 1]?.split(',')[0]);
    if (!Number.isFinite(first) || !Number.isFinite(last)) return undefined;
    fromMs = Math.max(fromMs, first);
    toMs = Math.min(toMs, last);
  }
  return { fromMs, toMs, source: dataDir };
}
