import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { LedgerEntry } from './LedgerEntry.js';
import type { TableNames } from './tables.js';

/** Entries read per page by the newest-first ledger walk. @default 10 */
const NEWEST_FIRST_PAGE = 10;

/**
 * A sender's ledger entries, newest nonce first, read a page at a time (consistent reads). The
 * caller stops the walk by leaving its `for await` loop, so a read that only needs the newest
 * entries stays a page or two however long the sender's history is.
 */
export async function* readLedgerNewestFirst(
  { doc }: DynamoClients,
  tables: TableNames,
  sender: string,
): AsyncGenerator<LedgerEntry> {
  const query = {
    TableName: tables.ledger,
    KeyConditionExpression: 'sender = :sender',
    ExpressionAttributeValues: { ':sender': sender },
    ScanIndexForward: false,
    ConsistentRead: true,
  };
  for await (const page of paginateQuery({ client: doc, pageSize: NEWEST_FIRST_PAGE }, query))
    yield* (page.Items ?? []) as LedgerEntry[];
}
