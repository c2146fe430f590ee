import type { AssetConfig, AssetsConfig } from './assetsConfig.js';
import { parsePairId } from './parsePairId.js';
import { resolvePairConfig } from './resolvePairConfig.js';

/**
 * The engine configuration of a published id: an asset's config, or a configured pair's resolved
 * config (resolvePairConfig); undefined when the id is neither.
 */
export function riskConfigOf(config: AssetsConfig, id: string): AssetConfig | undefined {
  const asset = config.assets[id];
  if (asset !== undefined) return asset;
  const pair = config.pairs[id];
  const legs = parsePairId(id);
  if (pair === undefined || legs === undefined) return undefined;
  const collateral = config.assets[legs.collateral];
  return collateral === undefined ? undefined : resolvePairConfig(collateral, pair);
}
