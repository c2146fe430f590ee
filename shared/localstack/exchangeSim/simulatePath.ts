import { HOUR_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import { createPrng } from './createPrng.js';

export interface SimulatePathParams {
  readonly seed: number;
  readonly asset: string;
  /** Open time of the last candle, ms UTC (hour-aligned). */
  readonly lastOpenMs: number;
  /** Candles to generate. */
  readonly hours: number;
  /** Close of the first candle's open, USD. */
  readonly startPrice: number;
  /** Typical hourly base volume. */
  readonly baseVolume: number;
}

/**
 * Two-regime hourly log-price path (a Markov-switching random walk): calm σ = 0.5%/h, stressed
 * σ = 2%/h; calm → stressed with p = 0.4%/h, stressed → calm with p = 3%/h, so stress episodes last
 * about 33 h and about 12% of hours are stressed. Highs/lows extend the open–close range by a
 * half-normal excursion; volume rises with |return|. Deterministic in (seed, asset).
 */
export function simulatePath({
  seed,
  asset,
  lastOpenMs,
  hours,
  startPrice,
  baseVolume,
}: SimulatePathParams): Candle[] {
  const rng = createPrng(seed, asset, 'path');
  const out: Candle[] = [];
  let stressed = false;
  let price = startPrice;
  const firstOpen = lastOpenMs - (hours - 1) * HOUR_MS;
  for (let i = 0; i < hours; i += 1) {
    if (stressed ? rng.next() < 0.03 : rng.next() < 0.004) stressed = !stressed;
    const sigma = stressed ? 0.02 : 0.005;
    const r = sigma * rng.normal() - 0.5 * sigma * sigma;
    const open = price;
    const close = open * Math.exp(r);
    const high = Math.max(open, close) * Math.exp(Math.abs(rng.normal()) * sigma * 0.5);
    const low = Math.min(open, close) * Math.exp(-Math.abs(rng.normal()) * sigma * 0.5);
    const volume = baseVolume * (0.6 + 0.8 * rng.next()) * (1 + (3 * Math.abs(r)) / 0.005);
    out.push([firstOpen + i * HOUR_MS, open, high, low, close, volume]);
    price = close;
  }
  return out;
}
