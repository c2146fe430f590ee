/** The venues Ballast reads. One adapter folder per venue under `shared/market/venues/`. */
export const VENUE_IDS = ['binance', 'coinbase', 'kraken', 'okx', 'bybit'] as const;
export type VenueId = (typeof VENUE_IDS)[number];

/** Quote currencies a market may be denominated in; converted to USD before aggregation. */
export const QUOTE_CURRENCIES = ['USD', 'USDT', 'USDC'] as const;
export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];
