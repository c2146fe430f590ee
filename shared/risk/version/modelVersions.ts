/** Model 1.0.0: flat loosening (25 bp per update, 100 bp per rolling 24 h), EWMA only, LTV at 24 h / 95 %. */
export const MODEL_VERSION_V1 = 'ballast-risk/1.0.0';
/** Model 2.0.0: half-life loosening, HAR-RV option, implied-volatility input, LTV at 12 h / 90 % (docs/methodology.md). */
export const MODEL_VERSION_V2 = 'ballast-risk/2.0.0';
/** Every released model version; `ballast verify` recomputes a record with the engine of the version it names. */
export const MODEL_VERSIONS = [MODEL_VERSION_V1, MODEL_VERSION_V2] as const;
export type ModelVersion = (typeof MODEL_VERSIONS)[number];
