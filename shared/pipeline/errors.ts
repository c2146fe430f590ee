import { InputError } from '../errors/BallastError.js';

/** A stage asked for an asset the assets config does not define. */
export class UnknownAssetError extends InputError {
  override name = 'UnknownAssetError';

  constructor(asset: string, configured: readonly string[]) {
    super(`asset "${asset}" is not configured; configured assets are ${configured.join(', ')}`, {
      fix: 'add the asset to the assets config (shared/config/assets.default.json or BALLAST_ASSETS_CONFIG_JSON), or call the stage with one of the configured assets',
    });
  }
}

/** The publisher's environment lacks what it needs to reach the chain or the signer. */
export class PublisherEnvError extends InputError {
  override name = 'PublisherEnvError';
}
