import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/**
 * Where a partition of the positions table comes from, and how to read its amounts (its `meta`
 * item). Positions of a partition without one are not evaluated (docs/positions.md).
 */
export type PositionSource =
  | {
      /** An on-chain ExampleLendingMarket followed by the indexer (shared/positions/). */
      readonly kind: 'market';
      /** Partition key: `marketKey(chainId, address)`. */
      readonly market: string;
      readonly chainId: number;
      readonly address: string;
      /** Ballast asset id of the collateral token, and of the debt token (`USD` for a dollar token). */
      readonly collateralAsset: string;
      readonly debtAsset: string;
      /** Token decimals: position amounts are stored in token units. */
      readonly collateralDecimals: number;
      readonly debtDecimals: number;
      /** Block the indexer starts from (the market's deployment). */
      readonly startBlock: number;
    }
  | {
      /** Snapshots a protocol sends to `PUT /v1/positions`: amounts per asset, in asset units. */
      readonly kind: 'push';
      /** Partition key: `push:<protocol>`. */
      readonly market: string;
      readonly protocol: string;
    };

/** Writes (or replaces) the `meta` item of a positions partition. Idempotent. */
export async function registerPositionSource(
  { doc }: DynamoClients,
  tables: TableNames,
  source: PositionSource,
): Promise<void> {
  await doc.send(new PutCommand({ TableName: tables.positions, Item: { ...source, key: 'meta' } }));
}
