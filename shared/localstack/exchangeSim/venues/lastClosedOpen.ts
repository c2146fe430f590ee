import { HOUR_MS } from '../../../core/time.js';

/** Open time of the last closed hourly candle: candles the simulator serves end with the hour before the current one. */
export function lastClosedOpen(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS) * HOUR_MS - HOUR_MS;
}
