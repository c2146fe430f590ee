import { riskConfigOf } from '../config/riskConfigOf.js';
import { riskIds } from '../config/riskIds.js';
import { getAssetHead } from '../store/getAssetHead.js';
import type { AssetHead } from '../store/AssetHead.js';
import type { ApiContext } from './ApiContext.js';
import { NotFoundError } from './errors.js';

/**
 * An asset (or a pair, docs/cross-asset.md) is known when it is configured or has ever run a cycle (a head), so the history of an
 * asset removed from the config stays readable. Returns its head, if any.
 * @throws NotFoundError (404) naming the configured assets.
 */
export async function requireKnownAsset(context: ApiContext, asset: string): Promise<AssetHead | undefined> {
  const head = await getAssetHead(context.dynamo, context.tables, asset);
  if (head === undefined && riskConfigOf(context.config, asset) === undefined) {
    throw new NotFoundError(
      `asset "${asset}" is unknown; configured assets and pairs are ${riskIds(context.config).join(', ')}`,
      {
        field: 'asset',
        fix: 'list the assets with GET /v1/assets',
      },
    );
  }
  return head;
}
