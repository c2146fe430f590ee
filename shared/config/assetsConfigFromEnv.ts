import defaultAssetsConfig from './assets.default.json' with { type: 'json' };
import type { AssetsConfig } from './assetsConfig.js';
import { parseAssetsConfig } from './parseAssetsConfig.js';
import type { RuntimeEnv } from './runtimeEnv.js';

/** The stage's assets config: from the environment (injected at bundle time) or the shipped default. */
export function assetsConfigFromEnv(env: RuntimeEnv): AssetsConfig {
  return env.BALLAST_ASSETS_CONFIG_JSON === undefined
    ? parseAssetsConfig(defaultAssetsConfig, 'shared/config/assets.default.json')
    : parseAssetsConfig(env.BALLAST_ASSETS_CONFIG_JSON, 'BALLAST_ASSETS_CONFIG_JSON');
}
