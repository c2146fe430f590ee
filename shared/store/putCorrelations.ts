import { gzipSync } from 'node:zlib';
import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import { CORRELATIONS_SCOPE, type StoredCorrelations } from './StoredCorrelations.js';
import { TABLES, type TableNames } from './tables.js';

/**
 * Stores one cycle's correlations once (gzip JSON: 50 assets make ~7 500 numbers), keyed by the
 * cycle's time. A retried cycle computes the same result from the same snapshots, which carries
 * the same inputs hash: nothing new is written; other content under that key is refused.
 */
export async function putCorrelations(
  { doc }: DynamoClients,
  tables: TableNames,
  stored: StoredCorrelations,
): Promise<{ written: boolean }> {
  return putOnce({
    doc,
    tableName: tables.correlations,
    keyNames: [TABLES.correlations.partitionKey.name, TABLES.correlations.sortKey.name],
    identityAttribute: 'inputsHash',
    item: {
      scope: CORRELATIONS_SCOPE,
      ts: stored.ts,
      asOf: stored.result.asOf,
      modelVersion: stored.result.modelVersion,
      inputsHash: stored.result.inputsHash,
      assets: stored.result.assets,
      snapshots: JSON.stringify(stored.snapshots),
      // Plain JSON round-trips every double exactly.
      resultGz: gzipSync(JSON.stringify(stored.result)),
    },
  });
}
