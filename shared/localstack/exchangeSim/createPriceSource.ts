import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCandlesCsv } from '../../backtest/readCandlesCsv.js';
import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { simulatePath } from './simulatePath.js';

export interface CreatePriceSourceParams {
  readonly asset: string;
  readonly seed: number;
  /** Folder with `<ASSET>_USDT-1h.csv` files (e.g. `../shared/data/ohlcv`). */
  readonly dataDir?: string;
}

export interface PriceSource {
  /** `replay` when a CSV was found for the asset, else `simulated`. */
  readonly kind: 'replay' | 'simulated';
  /**
   * The asset's hourly USD candles as of `nowMs`, ascending; the last one closes at the start of the
   * current hour. Its close is the current price. `asRecorded` (a replay): real candles at their
   * own times, those that closed by `nowMs`; otherwise shifted so the last real one is the latest.
   */
  candlesAt(nowMs: number, asRecorded?: boolean): readonly Candle[];
}

/** Starting prices and hourly base volumes of the seeded simulation, roughly 2025 levels. */
const SIM_START: Readonly<Record<string, readonly [price: number, volume: number]>> = {
  BTC: [60_000, 900],
  ETH: [3_000, 12_000],
  SOL: [150, 150_000],
  XRP: [0.6, 20_000_000],
  BNB: [600, 8_000],
};

/** Hours of simulated history: 400 days, enough for the engine's 180-day FHS window. */
const SIM_HOURS = 400 * 24;

/**
 * One underlying price path per asset. With a CSV of real candles, those are replayed, shifted in
 * time by a whole number of hours so the last real candle closes at the start of the current hour
 * (gaps in the data stay gaps). Without one, a seeded regime-switching path of 400 days is generated.
 * The CSV is read on first use, not at simulator start.
 */
export function createPriceSource({ asset, seed, dataDir }: CreatePriceSourceParams): PriceSource {
  const csv = dataDir === undefined ? undefined : join(dataDir, `${asset}_USDT-1h.csv`);
  const replay = csv !== undefined && existsSync(csv);
  let raw: Candle[] | undefined;
  let cacheHour = Number.NaN;
  let cache: readonly Candle[] = [];
  return {
    kind: replay ? 'replay' : 'simulated',
    candlesAt(nowMs, asRecorded = false) {
      const lastOpen = Math.floor(nowMs / HOUR_MS) * HOUR_MS - HOUR_MS;
      const cacheKey = asRecorded ? -lastOpen : lastOpen;
      if (cacheKey === cacheHour) return cache;
      if (replay) {
        // Strict: a bad row stops the simulator with its file, line, column and value.
        raw ??= readCandlesCsv(readFileSync(csv, 'utf8'), csv).candles;
        const all = raw;
        if (asRecorded) {
          let end = all.length;
          while (end > 0 && all[end - 1]![0] > lastOpen) end -= 1;
          cache = all.slice(0, end);
        } else {
          const last = all[all.length - 1];
          const shift = last === undefined ? 0 : lastOpen - last[0];
          cache = all.map(([ts, o, h, l, c, v]): Candle => [ts + shift, o, h, l, c, v]);
        }
      } else {
        const [price, volume] = SIM_START[asset] ?? [100, 10_000];
        cache = simulatePath({
          seed,
          asset,
          lastOpenMs: lastOpen,
          hours: SIM_HOURS,
          startPrice: price,
          baseVolume: volume,
        });
      }
      cacheHour = cacheKey;
      return cache;
    },
  };
}
