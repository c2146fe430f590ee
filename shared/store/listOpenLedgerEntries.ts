import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { LedgerEntry } from './LedgerEntry.js';

/** Page size of the newest-first ledger read. @default 10 */
const OPEN_ENTRIES_PAGE = 10;

/**
 * Entries of a sender not yet final (signed or broadcast), lowest nonce first.
 *
 * Reads newest nonce first and stops at the first final entry: the publisher opens a nonce only
 * once every older entry is final (it reconciles before it signs anything new), so open entries
 * are always the newest ones. The read stays a page or two however long the sender's history is;
 * filtering the whole partition would read every transaction ever sent, on every run.
 */
export async function listOpenLedgerEntries(
  { doc }: DynamoClients,
  tables: TableNames,
  sender: string,
): Promise<LedgerEntry[]> {
  const open: LedgerEntry[] = [];
  const query = {
    TableName: tables.ledger,
    KeyConditionExpression: 'sender = :sender',
    ExpressionAttributeValues: { ':sender': sender },
    ScanIndexForward: false,
    ConsistentRead: true,
  };
  for await (const page of paginateQuery({ client: doc, pageSize: OPEN_ENTRIES_PAGE }, query)) {
    for (const item of (page.Items ?? []) as LedgerEntry[]) {
      if (item.status !== 'signed' && item.status !== 'broadcast') return open.reverse();
      open.push(item);
    }
  }
  return open.reverse();
}
