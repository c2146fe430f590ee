import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { LedgerEntry } from './LedgerEntry.js';
import { readLedgerNewestFirst } from './readLedgerNewestFirst.js';

/**
 * Entries of a sender not yet final (signed or broadcast), lowest nonce first.
 *
 * Reads newest nonce first and stops at the first final entry: the publisher opens a nonce only
 * once every older entry is final (it reconciles before it signs anything new), so open entries
 * are always the newest ones. The read stays a page or two however long the sender's history is;
 * filtering the whole partition would read every transaction ever sent, on every run.
 */
export async function listOpenLedgerEntries(
  clients: DynamoClients,
  tables: TableNames,
  sender: string,
): Promise<LedgerEntry[]> {
  const open: LedgerEntry[] = [];
  for await (const item of readLedgerNewestFirst(clients, tables, sender)) {
    if (item.status !== 'signed' && item.status !== 'broadcast') break;
    open.push(item);
  }
  return open.reverse();
}
