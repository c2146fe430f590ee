import { InputError } from '../../errors/BallastError.js';
import type { AssetsConfig } from '../../config/assetsConfig.js';

/**
 * The one asset-name rule of the CLI: case-insensitive, trimmed, and one of the configured
 * assets; anything else is an InputError listing them.
 */
export function parseAssetName(flag: string, value: string, config: AssetsConfig): string {
  const known = Object.keys(config.assets);
  const name = value.trim().toUpperCase();
  if (!known.includes(name))
    throw new InputError(
      `${flag}: unknown asset "${value.trim()}"; configured assets are ${known.join(', ')}`,
      {
        fix: 'use one of those, or add the asset to the config file given with --config',
      },
    );
  return name;
}
