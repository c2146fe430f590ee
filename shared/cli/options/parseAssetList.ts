import { InputError } from '../../errors/BallastError.js';
import type { AssetsConfig } from '../../config/assetsConfig.js';

/** Parses `BTC,ETH` against the configured assets; an unknown name is an InputError listing the known ones. */
export function parseAssetList(flag: string, value: string, config: AssetsConfig): string[] {
  const known = Object.keys(config.assets);
  const names = value
    .split(',')
    .map((name) => name.trim().toUpperCase())
    .filter((name) => name.length > 0);
  if (names.length === 0)
    throw new InputError(`${flag}: "${value}" names no asset; configured: ${known.join(', ')}`);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new InputError(`${flag}: unknown asset "${name}"; configured assets are ${known.join(', ')}`, {
        fix: 'use one of those, or add the asset to the config file given with --config',
      });
    }
  }
  return [...new Set(names)];
}
