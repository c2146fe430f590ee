import type { DynamoClients } from './createDynamoClients.js';
import type { LedgerEntry } from './LedgerEntry.js';
import { readLedgerNewestFirst } from './readLedgerNewestFirst.js';
import type { TableNames } from './tables.js';

/** Final entries examined per call at most (bounds the read on a long legacy history). @default 25 */
export const UNBOOKKEPT_SCAN_LIMIT = 25;

/**
 * Final entries (mined, reverted, dropped) of a sender whose outcome is not marked fully recorded,
 * oldest nonce first. Reads newest first and stops at the first entry marked `bookkept`: every
 * publisher repairs before it signs anything new, so unrepaired entries are always the newest.
 * Open entries (signed, broadcast) are skipped: reconciliation finishes those.
 */
export async function listUnbookkeptLedgerEntries(
  clients: DynamoClients,
  tables: TableNames,
  sender: string,
  limit = UNBOOKKEPT_SCAN_LIMIT,
): Promise<LedgerEntry[]> {
  const found: LedgerEntry[] = [];
  let examined = 0;
  for await (const item of readLedgerNewestFirst(clients, tables, sender)) {
    if (item.status === 'signed' || item.status === 'broadcast') continue;
    if (item.bookkept === true || examined >= limit) break;
    examined += 1;
    found.push(item);
  }
  return found.reverse();
}
