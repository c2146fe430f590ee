import { ConfigError } from './errors.js';
import { assetsConfigSchema, type AssetsConfig } from './assetsConfig.js';
import { zodIssuesToProblems } from './zodIssuesToProblems.js';

/**
 * Validates an assets configuration (already parsed JSON, or JSON text) and fills in every default.
 * @param source where it came from, named in the error message (file path or variable name).
 * @throws ConfigError listing every problem at once with its field path.
 */
export function parseAssetsConfig(json: unknown, source: string): AssetsConfig {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new ConfigError(source, [{ path: '', message: `not valid JSON (${(error as Error).message})` }], {
        cause: error,
      });
    }
  }
  const result = assetsConfigSchema.safeParse(value);
  if (!result.success) throw new ConfigError(source, zodIssuesToProblems(result.error.issues));
  return result.data;
}
