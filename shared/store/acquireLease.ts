import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

export interface LeaseParams {
  /** What the lease guards, e.g. `publisher#31337#0xabc…` (one writer per chain and key). */
  readonly name: string;
  /** Who holds it: an invocation id. */
  readonly owner: string;
  /** ms UTC */
  readonly now: number;
  /** How long the lease lives without renewal, ms. Longer than one publish step. */
  readonly ttlMs: number;
}

/**
 * Takes a lease if it is free, expired, or already ours. Returns false when another owner holds a
 * live lease: two overlapping invocations can never both hold it (conditional write).
 */
export async function acquireLease(
  { doc }: DynamoClients,
  tables: TableNames,
  { name, owner, now, ttlMs }: LeaseParams,
): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tables.leases,
        Item: { name, owner, acquiredAt: now, expiresAt: now + ttlMs },
        ConditionExpression: 'attribute_not_exists(#name) OR expiresAt < :now OR #owner = :owner',
        ExpressionAttributeNames: { '#name': 'name', '#owner': 'owner' },
        ExpressionAttributeValues: { ':now': now, ':owner': owner },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
