import { HOUR_MS } from '../../../core/time.js';
import type { Candle } from '../../../core/types.js';
import type { VenueMarketView } from '../venueMarketView.js';
import { lastClosedOpen } from './lastClosedOpen.js';

/** The last 24 closed hourly candles: what the venues' 24 h tickers summarise. */
export function lastDayCandles(view: VenueMarketView, nowMs: number): Candle[] {
  const last = lastClosedOpen(nowMs);
  return view.candlesIn(last - 23 * HOUR_MS, last);
}
