import type { AssetConfig } from '../../config/assetsConfig.js';

/** v1 defaults of the fields whose default v2 changed (docs/methodology.md §8.3). */
const V1_DEFAULTS = {
  alphaLtv: 0.95,
  reactionHours: 24,
  maxLoosenPerUpdateBps: 25,
  apcBuffer: 0.25,
} as const;

/**
 * The asset config as the v1 schema resolved it: v2-only fields dropped and the defaults v2 changed
 * set back to v1's. For running the v1 engine beside v2 (backtest comparison, upgrade tests); a real
 * v1 record carries its own stored config. `overrides` names fields the file set explicitly (kept).
 */
export function v1ConfigOf(config: AssetConfig, overrides: Partial<AssetConfig> = {}): AssetConfig {
  const { loosenHalfLifeHours: _h, volatilityModel: _v, harMinDays: _d, impliedFloor: _k, ...rest } = config;
  return { ...rest, ...V1_DEFAULTS, ...overrides } as AssetConfig;
}
