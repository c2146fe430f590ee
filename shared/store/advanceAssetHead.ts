import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { AssetHead } from './AssetHead.js';

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
