import type { VenueId } from '../../core/venues.js';
import { binanceAdapter } from './binance/binanceAdapter.js';
import { bybitAdapter } from './bybit/bybitAdapter.js';
import { coinbaseAdapter } from './coinbase/coinbaseAdapter.js';
import { krakenAdapter } from './kraken/krakenAdapter.js';
import { okxAdapter } from './okx/okxAdapter.js';
import type { VenueAdapter } from './venueAdapter.js';

/** The five venue adapters by id. */
export const VENUE_ADAPTERS: Readonly<Record<VenueId, VenueAdapter>> = {
  binance: binanceAdapter,
  coinbase: coinbaseAdapter,
  kraken: krakenAdapter,
  okx: okxAdapter,
  bybit: bybitAdapter,
};
