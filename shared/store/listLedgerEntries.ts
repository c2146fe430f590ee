import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { LedgerEntry } from './LedgerEntry.js';
import type { TableNames } from './tables.js';

/** Every ledger entry of a sender, lowest nonce first (paginated internally): for audits and the soak's checks. */
export async function listLedgerEntries(
  { doc }: DynamoClients,
  tables: TableNames,
  sender: string,
): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  const query = {
    TableName: tables.ledger,
    KeyConditionExpression: 'sender = :sender',
    ExpressionAttributeValues: { ':sender': sender },
    ConsistentRead: true,
  };
  for await (const page of paginateQuery({ client: doc }, query))
    entries.push(...((page.Items ?? []) as LedgerEntry[]));
  return entries;
}
