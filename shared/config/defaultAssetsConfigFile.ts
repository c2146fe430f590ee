import { fileURLToPath } from 'node:url';

/** The assets config shipped with Ballast: the default of every `--config` flag and the local stack. */
export const DEFAULT_ASSETS_CONFIG_FILE = fileURLToPath(new URL('./assets.default.json', import.meta.url));
