import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { LedgerEntry } from './LedgerEntry.js';

export async function getLedgerEntry(
  { doc }: DynamoClients,
  tables: TableNames,
  sender: string,
  nonce: number,
): Promise<LedgerEntry | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.ledger, Key: { sender, nonce }, ConsistentRead: true }),
  );
  return Item as LedgerEntry | undefined;
}
