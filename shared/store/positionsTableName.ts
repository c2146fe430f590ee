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

/** Logical table name; the physical name is `${prefix}-positions`. */
export const POSITIONS_TABLE = 'positions';

export function positionsTableName(prefix: string): string {
  return `${prefix}-${POSITIONS_TABLE}`;
}
