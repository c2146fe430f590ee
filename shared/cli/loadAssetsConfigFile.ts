import { existsSync, readFileSync } from 'node:fs';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { parseAssetsConfig } from '../config/parseAssetsConfig.js';
import { InputError } from '../errors/BallastError.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../config/defaultAssetsConfigFile.js';

/** Reads and validates an assets config file; every problem is reported with its field path. */
export function loadAssetsConfigFile(file: string = DEFAULT_ASSETS_CONFIG_FILE): AssetsConfig {
  if (!existsSync(file)) throw new InputError(`--config: file "${file}" does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`--config: "${file}" is not valid JSON: ${(error as Error).message}`);
  }
  return parseAssetsConfig(json, file);
}
