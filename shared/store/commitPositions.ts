import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BallastError } from '../errors/BallastError.js';
import type { MarketPosition } from './MarketPosition.js';
import type { PositionsCursor } from './PositionsCursor.js';
import { PositionsCursorMovedError } from './errors.js';

/** DynamoDB's limit on items in one transaction, the cursor included. */
export const MAX_ITEMS_PER_COMMIT = 100;

export interface CommitPositionsParams {
  readonly market: string;
  /** The cursor the indexer read before this range (undefined: first commit). */
  readonly previous: PositionsCursor | undefined;
  readonly next: PositionsCursor;
  /** Positions to write as they are after the range. */
  readonly put: readonly MarketPosition[];
  /** Accounts whose position no longer exists (a reorg removed every event of theirs). */
  readonly remove?: readonly string[];
}

/**
 * Writes positions and moves the cursor in one transaction, only if the cursor is still `previous`.
 * Throws PositionsCursorMovedError when it is not; nothing is written then.
 */
export async function commitPositions(
  doc: DynamoDBDocumentClient,
  tableName: string,
  { market, previous, next, put, remove = [] }: CommitPositionsParams,
): Promise<void> {
  const items = put.length + remove.length + 1;
  if (items > MAX_ITEMS_PER_COMMIT) {
    throw new BallastError(
      `a commit of ${items} items exceeds DynamoDB's ${MAX_ITEMS_PER_COMMIT} per transaction`,
      { fix: 'commit a shorter block range (the indexer halves its range until it fits)' },
    );
  }
  const cursorCondition =
    previous === undefined
      ? { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': 'key' } }
      : {
          ConditionExpression: '#block = :block AND #hash = :hash',
          ExpressionAttributeNames: { '#block': 'block', '#hash': 'hash' },
          ExpressionAttributeValues: { ':block': previous.block, ':hash': previous.hash },
        };
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          ...put.map((p) => ({
            Put: { TableName: tableName, Item: { market, key: `pos#${p.account}`, ...p } },
          })),
          ...remove.map((account) => ({
            Delete: { TableName: tableName, Key: { market, key: `pos#${account}` } },
          })),
          { Put: { TableName: tableName, Item: { market, key: 'cursor', ...next }, ...cursorCondition } },
        ],
      }),
    );
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.at(-1)?.Code === 'ConditionalCheckFailed') {
      throw new PositionsCursorMovedError(
        `the positions cursor of ${market} is no longer at block ${previous?.block ?? 'none'}; nothing was written`,
        { cause: error, fix: 'run one indexer per market; the next run starts from the stored cursor' },
      );
    }
    throw error;
  }
}
