import type { Candle } from '../../core/types.js';
import { median } from './median.js';

export interface ReferenceCandlesParams {
  /** Each venue's hourly candles in its quote, with the conversion to USD. */
  readonly series: readonly { readonly candles: readonly Candle[]; readonly usdPerQuote: number }[];
}

/**
 * Reference hourly candles: for every hour that at least one venue reports, the median across venues
 * of open, high, low and close (each converted to USD), and the sum of base volumes (USD volume is
 * `volume × close`). Order statistics keep the candle consistent: the median high is ≥ the median
 * of max(open, close) ≥ … ≥ the median low. Hours no venue reports stay missing (gaps are kept;
 * the engine skips them). Ascending by open time.
 */
export function referenceCandles({ series }: ReferenceCandlesParams): Candle[] {
  const byHour = new Map<number, Candle[]>();
  for (const { candles, usdPerQuote } of series) {
    for (const [ts, o, h, l, c, v] of candles) {
      const converted: Candle = [ts, o * usdPerQuote, h * usdPerQuote, l * usdPerQuote, c * usdPerQuote, v];
      const list = byHour.get(ts);
      if (list === undefined) byHour.set(ts, [converted]);
      else list.push(converted);
    }
  }
  const out: Candle[] = [];
  for (const [ts, list] of byHour) {
    if (list.length === 1) {
      out.push(list[0]!);
      continue;
    }
    out.push([
      ts,
      median(list.map((c) => c[1])),
      median(list.map((c) => c[2])),
      median(list.map((c) => c[3])),
      median(list.map((c) => c[4])),
      list.reduce((s, c) => s + c[5], 0),
    ]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}
