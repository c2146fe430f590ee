import type { AssetsConfig } from './assetsConfig.js';

/** Every id the oracle publishes for a config: the assets, then the pairs (`C/D`), in config order. */
export function riskIds(config: AssetsConfig): string[] {
  return [...Object.keys(config.assets), ...Object.keys(config.pairs)];
}
