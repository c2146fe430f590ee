/**
 * The largest volatility index that can be published, bp: the oracle stores it in 16 bits. The
 * index saturates here (655.35 % a year); the parameters are computed from the uncapped σ, so the
 * cap never loosens anything (docs/methodology.md §3.4).
 */
export const VOL_INDEX_MAX_BPS = 65_535;
