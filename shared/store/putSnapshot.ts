import { gzipSync } from 'node:zlib';
import type { CompactMarketSnapshot } from '../market/compactSnapshot.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import { TABLES, type TableNames } from './tables.js';

/**
 * Stores a cycle's snapshot once: the compact market view, and the engine's exact inputs (gzip
 * JSON) with their hash under the current scheme (`hashCanonical`), which an auditor recomputes.
 */
export async function putSnapshot(
  { doc }: DynamoClients,
  tables: TableNames,
  snapshot: { asset: string; ts: number; compact: CompactMarketSnapshot; inputs: RiskInputs },
): Promise<{ inputsHash: string; written: boolean }> {
  // The cycle's compute hashes the record's inputs with the same (current) scheme.
  const inputsHash = hashCanonical(snapshot.inputs, CURRENT_HASH_SCHEME);
  const { written } = await putOnce({
    doc,
    tableName: tables.snapshots,
    keyNames: [TABLES.snapshots.partitionKey.name, TABLES.snapshots.sortKey.name],
    identityAttribute: 'inputsHash',
    item: {
      asset: snapshot.asset,
      ts: snapshot.ts,
      expiresAt: snapshot.compact.expiresAt,
      degraded: snapshot.inputs.quality.degraded,
      compact: JSON.stringify(snapshot.compact),
      // Plain JSON round-trips every double exactly; the hash is over the canonical form.
      inputsGz: gzipSync(JSON.stringify(snapshot.inputs)),
      inputsHash,
    },
  });
  return { inputsHash, written };
}
