import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CommittedRange, PositionsCursor } from './PositionsCursor.js';

/** The cursor of `market`, or undefined before the first commit. Strongly consistent. */
export async function readPositionsCursor(
  doc: DynamoDBDocumentClient,
  tableName: string,
  market: string,
): Promise<PositionsCursor | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tableName, Key: { market, key: 'cursor' }, ConsistentRead: true }),
  );
  if (Item === undefined) return undefined;
  return {
    block: Item.block as number,
    hash: Item.hash as string,
    eventsApplied: Item.eventsApplied as number,
    recent: Item.recent as CommittedRange[],
  };
}
