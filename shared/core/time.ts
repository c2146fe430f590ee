/** Time constants shared by every layer. Candles are hourly throughout Ballast. */

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;

/** One day in milliseconds. */
export const DAY_MS = 24 * HOUR_MS;

/** Hours in a year, for annualising hourly volatility (crypto trades every hour of the year). */
export const HOURS_PER_YEAR = 8760;
