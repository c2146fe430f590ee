import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictingWriteError } from './errors.js';

export interface PutOnceParams {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly item: Record<string, unknown>;
  /** Key attribute names of the table (partition and, if any, sort key). */
  readonly keyNames: readonly string[];
  /**
   * Attribute whose equality proves a retry wrote the same content (e.g. `contentHash`).
   * A second write with the same value is accepted as a no-op; a different value is a conflict.
   */
  readonly identityAttribute: string;
}

export interface PutOnceResult {
  /** True when this call wrote the item; false when an identical item was already there (a retry). */
  readonly written: boolean;
}

/**
 * Writes an item only if no item with its key exists: records are written once and never
 * overwritten. A retried writer with the same content succeeds without writing; different
 * content under an existing key is refused with ConflictingWriteError and the stored item stays.
 */
export async function putOnce({
  doc,
  tableName,
  item,
  keyNames,
  identityAttribute,
}: PutOnceParams): Promise<PutOnceResult> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': keyNames[0] ?? '' },
      }),
    );
    return { written: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]));
  const existing = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (existing.Item?.[identityAttribute] === item[identityAttribute]) return { written: false };
  throw new ConflictingWriteError(
    `${tableName} already holds ${JSON.stringify(key)} with different content; the stored item was kept`,
    { fix: 'a record is written once: investigate why two writers produced different content for one key' },
  );
}
