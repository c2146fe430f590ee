import axios from 'axios';
import { HOUR_MS } from '../../core/time.js';
import type { ImpliedVol } from '../../core/types.js';
import { ImpliedVolError } from '../errors.js';
import { DERIBIT_DVOL } from './deribitDvolSchema.js';
import { parseDeribitDvol } from './parseDeribitDvol.js';

export interface FetchImpliedVolParams {
  readonly asset: string;
  /** Collection time, ms UTC. */
  readonly now: number;
  /** Deribit host, or `${simBaseUrl}/deribit` locally. @default https://www.deribit.com */
  readonly baseUrl?: string;
  /** @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * The asset's implied-volatility index where one is published (Deribit DVOL for BTC and ETH), the
 * latest hourly value of the last three hours; undefined for other assets. One GET, no retry: it is
 * a monitored input, a failure leaves it out of the snapshot and says why.
 * @throws ImpliedVolError on a network, HTTP or body problem.
 */
export async function fetchImpliedVol({
  asset,
  now,
  baseUrl = DERIBIT_DVOL.defaultBaseUrl,
  timeoutMs = 5000,
}: FetchImpliedVolParams): Promise<ImpliedVol | undefined> {
  if (!(DERIBIT_DVOL.currencies as readonly string[]).includes(asset)) return undefined;
  const url = `${baseUrl.replace(/\/+$/, '')}${DERIBIT_DVOL.path}`;
  const params = {
    currency: asset,
    start_timestamp: String(now - 3 * HOUR_MS),
    end_timestamp: String(now),
    resolution: '3600',
  };
  let body: unknown;
  try {
    const response = await axios.get(url, { params, timeout: timeoutMs, validateStatus: () => true });
    body = response.data;
    if (response.status >= 400 && typeof body !== 'object')
      throw new ImpliedVolError(`deribit ${DERIBIT_DVOL.path}: HTTP ${response.status}`);
  } catch (error) {
    if (error instanceof ImpliedVolError) throw error;
    throw new ImpliedVolError(`deribit ${DERIBIT_DVOL.path}: ${(error as Error).message}`, { cause: error });
  }
  return parseDeribitDvol(body);
}
