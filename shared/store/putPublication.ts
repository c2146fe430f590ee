import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import { TABLES, type TableNames } from './tables.js';
import type { Publication } from './Publication.js';

/** Writes a round once, before its transaction is sent. A retry with the same batch is a no-op. */
export async function putPublication(
  { doc }: DynamoClients,
  tables: TableNames,
  publication: Publication,
): Promise<boolean> {
  const { written } = await putOnce({
    doc,
    tableName: tables.publications,
    keyNames: [TABLES.publications.partitionKey.name, TABLES.publications.sortKey.name],
    identityAttribute: 'batchDigest',
    item: { ...publication, round: Number(publication.round), roundText: publication.round },
  });
  return written;
}
