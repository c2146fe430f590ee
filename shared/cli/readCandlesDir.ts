import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCandlesCsv } from '../backtest/readCandlesCsv.js';
import type { Candle } from '../core/types.js';
import { InputError } from '../errors/BallastError.js';

/**
 * Reads the hourly candles of `assets` from a directory of CSV files named `<ASSET>.csv` or
 * `<ASSET>_USDT-1h.csv` (the layout of the shared data set). Used by `portfolio` and `correlations`.
 * @throws InputError naming the flag, the asset and the paths tried.
 */
export function readCandlesDir(
  dir: string,
  assets: readonly string[],
  flag = '--candles-dir',
): Record<string, Candle[]> {
  if (!existsSync(dir)) throw new InputError(`${flag}: directory "${dir}" does not exist`);
  const out: Record<string, Candle[]> = {};
  for (const asset of assets) {
    const tried = [join(dir, `${asset}.csv`), join(dir, `${asset}_USDT-1h.csv`)];
    const path = tried.find((p) => existsSync(p));
    if (path === undefined)
      throw new InputError(`${flag}: no candles for ${asset}; tried ${tried.join(' and ')}`);
    out[asset] = readCandlesCsv(readFileSync(path, 'utf8'), path).candles;
  }
  return out;
}
