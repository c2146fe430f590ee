import type { SimResponse } from './simResponse.js';
import { renderBinanceResponse } from './venues/binance/renderBinanceResponse.js';
import { renderBybitResponse } from './venues/bybit/renderBybitResponse.js';
import { renderCoinbaseResponse } from './venues/coinbase/renderCoinbaseResponse.js';
import { renderKrakenResponse } from './venues/kraken/renderKrakenResponse.js';
import { renderOkxResponse } from './venues/okx/renderOkxResponse.js';
import type { VenueRequest } from './venues/VenueRequest.js';

/**
 * Renders one venue REST endpoint from the simulated market in that venue's documented JSON shape:
 * same paths, query parameters, limits, ordering and error bodies as the real API (the subset
 * Ballast uses, see shared/market/README.md; one renderer per venue in `venues/`, mirroring
 * `shared/market/venues`). Unknown
 * paths get the venue's 404 body.
 */
export function renderVenueResponse(request: VenueRequest): SimResponse {
  switch (request.venue) {
    case 'binance':
      return renderBinanceResponse(request);
    case 'coinbase':
      return renderCoinbaseResponse(request);
    case 'kraken':
      return renderKrakenResponse(request);
    case 'okx':
      return renderOkxResponse(request);
    case 'bybit':
      return renderBybitResponse(request);
  }
}
