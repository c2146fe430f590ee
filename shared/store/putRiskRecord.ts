import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../risk/provenance/hashSchemeOf.js';
import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskRecord } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { jsonAttribute } from './jsonAttribute.js';
import { putOnce } from './putOnce.js';
import { TABLES, type TableNames } from './tables.js';
import type { RecordKey } from './StoredRiskRecord.js';
import type { RecordProvenance } from './RecordProvenance.js';

/**
 * Writes a risk record once, with its JSON (`recordBr`, jsonAttribute: what an auditor re-hashes and compares) and
 * the published figures as plain attributes for queries. A retried compute with the same inputs
 * produces the same bytes and writes nothing.
 */
export async function putRiskRecord(
  { doc }: DynamoClients,
  tables: TableNames,
  key: RecordKey,
  record: RiskRecord,
  /**
   * The resolved asset config the engine ran with (its canonical hash is `record.configHash`).
   * The pipeline always passes it; fixtures that seed bare records may not.
   */
  config?: AssetConfig,
  /** The checkpoint and candle range it was computed from (the compute stage always passes it). */
  provenance?: RecordProvenance,
): Promise<{ recordHash: string; written: boolean }> {
  const recordHash = hashCanonical(record, hashSchemeOf(record));
  const { written } = await putOnce({
    doc,
    tableName: tables.parameters,
    keyNames: [TABLES.parameters.partitionKey.name, TABLES.parameters.sortKey.name],
    identityAttribute: 'recordHash',
    item: {
      asset: key.asset,
      ts: key.ts,
      asOf: record.asOf,
      modelVersion: record.modelVersion,
      configHash: record.configHash,
      inputsHash: record.inputsHash,
      recordHash,
      publishDue: record.publish.due,
      publishReason: record.publish.reason,
      degraded: record.flags.degraded,
      frozen: record.flags.frozen,
      volIndexBps: record.candidate.volIndexBps,
      ltvBps: record.candidate.ltvBps,
      ltBps: record.candidate.ltBps,
      lbBps: record.candidate.lbBps,
      // Plain JSON (gzip) round-trips every double exactly; the hash is over the canonical form.
      ...jsonAttribute('record', record),
      // Kept with the record so an auditor can recompute it even after the stage's config changed.
      ...(config === undefined ? {} : jsonAttribute('config', config)),
      ...(provenance === undefined ? {} : { provenance: JSON.stringify(provenance) }),
    },
  });
  return { recordHash, written };
}
