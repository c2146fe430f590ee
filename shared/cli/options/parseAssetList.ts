import { InputError } from '../../errors/BallastError.js';
import type { AssetsConfig } from '../../config/assetsConfig.js';

import { parseAssetName } from './parseAssetName.js';

/** Parses `BTC,ETH` against the configured assets (each by parseAssetName); an unknown name is an InputError listing the known ones. */
export function parseAssetList(flag: string, value: string, config: AssetsConfig): string[] {
  const parts = value.split(',').filter((name) => name.trim().length > 0);
  if (parts.length === 0)
    throw new InputError(
      `${flag}: "${value}" names no asset; configured: ${Object.keys(config.assets).join(', ')}`,
    );
  return [...new Set(parts.map((name) => parseAssetName(flag, name, config)))];
}
