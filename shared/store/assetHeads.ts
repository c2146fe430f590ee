import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { PublishedState } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** Per-asset head: where the next cycle starts from, and the facts /v1/health reports. */
export interface AssetHead {
  readonly asset: string;
  /** The engine's carried state (what is on-chain, rate-limit and APC memory). */
  readonly state: PublishedState;
  /** `ts` of the record that last moved the head; heads only move forward. */
  readonly recordTs: number;
  /** Last cycle seen for this asset, ms, and whether it was degraded. */
  readonly lastCycleTs: number;
  readonly degraded: boolean;
  /** Last on-chain publication of this asset. */
  readonly lastRound?: string;
  readonly lastTxHash?: string;
  readonly lastPublishedAt?: number;
  /** Observation time the contract holds for this asset (the batch's `observedAt`), ms. */
  readonly lastObservedAt?: number;
}

export async function getAssetHead(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
): Promise<AssetHead | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.assets, Key: { asset }, ConsistentRead: true }),
  );
  return Item === undefined ? undefined : ({ ...Item, state: JSON.parse(Item.state as string) } as AssetHead);
}

export async function listAssetHeads({ doc }: DynamoClients, tables: TableNames): Promise<AssetHead[]> {
  const heads: AssetHead[] = [];
  for await (const page of paginateScan(
    { client: doc },
    { TableName: tables.assets, ConsistentRead: true },
  )) {
    for (const item of page.Items ?? [])
      heads.push({ ...item, state: JSON.parse(item.state as string) } as AssetHead);
  }
  return heads.sort((a, b) => a.asset.localeCompare(b.asset));
}

/**
 * Moves an asset's head forward. Refused (returns false) when the stored head already comes from a
 * newer or the same record, so a late or retried writer never moves it back.
 *
 * compute advances the head for records that publish nothing (APC memory moves on every cycle);
 * publish advances it once a record's parameters are mined on-chain. A failed publication leaves
 * the head where it was, so the next cycle's rate limits start from what is really on-chain.
 */
export async function advanceAssetHead(
  { doc }: DynamoClients,
  tables: TableNames,
  head: AssetHead,
): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tables.assets,
        Item: { ...head, state: JSON.stringify(head.state) },
        ConditionExpression: 'attribute_not_exists(asset) OR recordTs < :ts',
        ExpressionAttributeValues: { ':ts': head.recordTs },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
