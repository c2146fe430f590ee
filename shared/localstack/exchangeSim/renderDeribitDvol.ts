import { HOUR_MS, HOURS_PER_YEAR } from '../../core/time.js';
import type { Candle } from '../../core/types.js';

/** Path of Deribit's DVOL endpoint under the simulator's `/deribit` prefix. */
export const DERIBIT_DVOL_SIM_PATH = '/deribit/api/v2/public/get_volatility_index_data';

export interface RenderDeribitDvolParams {
  readonly query: URLSearchParams;
  /** Closed hourly candles of the asset the `currency` names; undefined when the simulator has none. */
  readonly candlesFor: (asset: string) => readonly Candle[] | undefined;
}

/**
 * Deribit's DVOL response shape (JSON-RPC envelope, `result.data` = `[[ts, o, h, l, c], …]`) for
 * BTC and ETH, hourly, from the simulator's own candles: the realised volatility of the 168 hours
 * before each point, annualised, × 1.1 (implied usually sits above realised), in percent. Other
 * currencies and bad parameters get Deribit's error envelope.
 */
export function renderDeribitDvol({ query, candlesFor }: RenderDeribitDvolParams): {
  status: number;
  body: unknown;
} {
  const currency = query.get('currency') ?? '';
  const start = Number(query.get('start_timestamp'));
  const end = Number(query.get('end_timestamp'));
  const error = (code: number, message: string) => ({
    status: 400,
    body: { jsonrpc: '2.0', error: { code, message } },
  });
  if (currency !== 'BTC' && currency !== 'ETH') return error(10020, `invalid currency ${currency}`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start > end)
    return error(11050, 'bad_request: start_timestamp/end_timestamp');
  const candles = candlesFor(currency) ?? [];
  const data: [number, number, number, number, number][] = [];
  for (let ts = Math.ceil(start / HOUR_MS) * HOUR_MS; ts <= end; ts += HOUR_MS) {
    let sum = 0;
    let n = 0;
    for (let j = candles.length - 1; j >= 1 && n < 168; j--) {
      const c = candles[j]!;
      if (c[0] + HOUR_MS > ts) continue;
      const r = Math.log(c[4] / candles[j - 1]![4]);
      sum += r * r;
      n += 1;
    }
    if (n === 0) continue;
    const dvol = Number((Math.sqrt((sum / n) * HOURS_PER_YEAR) * 110).toFixed(2));
    data.push([ts, dvol, dvol, dvol, dvol]);
  }
  return {
    status: 200,
    body: { jsonrpc: '2.0', result: { data, continuation: null }, usIn: end * 1000, usOut: end * 1000 },
  };
}
