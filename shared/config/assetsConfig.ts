import { z } from 'zod';
import { QUOTE_CURRENCIES, VENUE_IDS } from '../market/types.js';
import { DEFAULTS } from './defaults.js';

const bps = z.number().int().min(0).max(10_000);
const range = z
  .tuple([bps, bps])
  .refine(([min, max]) => min <= max, { message: 'range must be [min, max] with min <= max' });

export const venueMarketSchema = z.strictObject({
  venue: z.enum(VENUE_IDS),
  /** The venue's own market symbol, e.g. `BTCUSDT` (Binance), `BTC-USD` (Coinbase), `XBTUSD` (Kraken). */
  symbol: z.string().min(1),
  quote: z.enum(QUOTE_CURRENCIES),
});
export type VenueMarket = z.infer<typeof venueMarketSchema>;

export const assetConfigSchema = z.strictObject({
  venues: z.array(venueMarketSchema).min(1),
  /** Liquidation size Q in USD. */
  liquidationSizeUsd: z.number().positive(),
  /** Governance bounds, bp, `[min, max]`. */
  bounds: z.strictObject({ ltv: range, lt: range, lb: range }),
  minVenues: z.number().int().min(1).default(DEFAULTS.minVenues),
  maxDeviation: z.number().positive().max(0.5).default(DEFAULTS.maxDeviation),
  alphaLt: z.number().gt(0.5).lt(1).default(DEFAULTS.alphaLt),
  alphaLtv: z.number().gt(0.5).lt(1).default(DEFAULTS.alphaLtv),
  maxSlippage: z.number().positive().max(1).default(DEFAULTS.maxSlippage),
  maxLoosenPerUpdateBps: bps.default(DEFAULTS.maxLoosenPerUpdateBps),
  maxLoosenPerDayBps: bps.default(DEFAULTS.maxLoosenPerDayBps),
  maxTightenPerUpdateBps: bps.default(DEFAULTS.maxTightenPerUpdateBps),
  deviationBps: bps.default(DEFAULTS.deviationBps),
  heartbeatSeconds: z.number().int().positive().default(DEFAULTS.heartbeatSeconds),
});
export type AssetConfig = z.infer<typeof assetConfigSchema>;

export const assetsConfigSchema = z.strictObject({
  cyclePeriodSeconds: z.number().int().min(10).default(DEFAULTS.cyclePeriodSeconds),
  assets: z
    .record(z.string().regex(/^[A-Z0-9]{2,11}$/, 'asset names are 2–11 upper-case letters or digits'), assetConfigSchema)
    .refine((assets) => Object.keys(assets).length > 0, { message: 'at least one asset is required' }),
});
export type AssetsConfig = z.infer<typeof assetsConfigSchema>;
