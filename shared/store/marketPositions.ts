/**
 * Positions of an on-chain lending market (contracts/examples/ExampleLendingMarket.sol) as the
 * indexer in shared/positions/ follows them, and the indexer's cursor, in one table of their own:
 * `${prefix}-positions`, partition key `market` (`<chainId>:<market address>`), sort key `key`
 * (`pos#<account>` for a position, `cursor` for the cursor). docs/data-model.md, "positions".
 *
 * Every change is one DynamoDB transaction: the positions a block range changed AND the cursor
 * that moves past it, conditional on the cursor the indexer started from. A crash therefore leaves
 * either all of a range or none of it, and two indexers of one market cannot both commit.
 */
import {
  CreateTableCommand,
  ResourceInUseException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { BallastError } from '../errors/BallastError.js';

/** Logical table name; the physical name is `${prefix}-positions`. */
export const POSITIONS_TABLE = 'positions';
/** DynamoDB's limit on items in one transaction, the cursor included. */
export const MAX_ITEMS_PER_COMMIT = 100;

export function positionsTableName(prefix: string): string {
  return `${prefix}-${POSITIONS_TABLE}`;
}

/** One account's position after the latest applied event. Amounts are token units, decimal strings. */
export interface MarketPosition {
  readonly account: string;
  readonly collateral: string;
  readonly debt: string;
  /** Block and log index of the event that set it. */
  readonly block: number;
  readonly logIndex: number;
  readonly txHash: string;
}

/** A range the indexer committed: kept for the last few commits to find a fork point after a reorg. */
export interface CommittedRange {
  /** Last block of the range and its hash at commit time. */
  readonly block: number;
  readonly hash: string;
  /** Accounts whose position an event in the range changed. */
  readonly accounts: readonly string[];
  /** Events applied from the range. */
  readonly events: number;
}

export interface PositionsCursor {
  /** Last block fully applied, and its hash when it was applied. */
  readonly block: number;
  readonly hash: string;
  /** Every market event applied so far on the current chain (orphaned ones subtracted). */
  readonly eventsApplied: number;
  /** The most recent committed ranges, oldest first, the last one ending at `block`. */
  readonly recent: readonly CommittedRange[];
}

/** The cursor moved since it was read: another indexer committed, or the item was edited. */
export class PositionsCursorMovedError extends BallastError {
  override name = 'PositionsCursorMovedError';
}

/** Creates the positions table (on-demand) if it does not exist yet; local stack and tests. */
export async function createPositionsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'market', KeyType: 'HASH' },
          { AttributeName: 'key', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'market', AttributeType: 'S' },
          { AttributeName: 'key', AttributeType: 'S' },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

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

/** Every position of `market`, by account. Strongly consistent. */
export async function listMarketPositions(
  doc: DynamoDBDocumentClient,
  tableName: string,
  market: string,
): Promise<MarketPosition[]> {
  const positions: MarketPosition[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'market = :market AND begins_with(#key, :pos)',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: { ':market': market, ':pos': 'pos#' },
        ConsistentRead: true,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    for (const item of page.Items ?? []) {
      positions.push({
        account: item.account as string,
        collateral: item.collateral as string,
        debt: item.debt as string,
        block: item.block as number,
        logIndex: item.logIndex as number,
        txHash: item.txHash as string,
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return positions;
}

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
