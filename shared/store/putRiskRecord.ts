import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../risk/provenance/hashSchemeOf.js';
import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskRecord } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { jsonAttribute } from './jsonAttribute.js';
import { StoredItemError } from './errors.js';
import { putConfig } from './putConfig.js';
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
  dynamo: DynamoClients,
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
  const scheme = hashSchemeOf(record);
  const recordHash = hashCanonical(record, scheme);
  if (config !== undefined) {
    // Stored once per hash (table `configs`) before any record names it, so an auditor can
    // recompute a record even after the stage's config changed.
    const configHash = hashCanonical(config, scheme);
    if (configHash !== record.configHash)
      throw new StoredItemError(
        `the config given for ${key.asset} at ${key.ts} hashes to ${configHash}, the record names ${record.configHash}; nothing was written`,
      );
    await putConfig(dynamo, tables, configHash, config);
  }
  const { written } = await putOnce({
    doc: dynamo.doc,
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
      // Plain JSON (Brotli) round-trips every double exactly; the hash is over the canonical form.
      ...jsonAttribute('record', record),
      ...(provenance === undefined ? {} : { provenance: JSON.stringify(provenance) }),
    },
  });
  return { recordHash, written };
}
