import { riskConfigOf } from '../config/riskConfigOf.js';
import { riskIds } from '../config/riskIds.js';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../risk/provenance/hashSchemeOf.js';
import { HASH_SCHEMES } from '../risk/provenance/hashSchemes.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import { getPublication } from '../store/getPublication.js';
import { oracleKey } from '../store/oracleKey.js';
import { getRiskRecord } from '../store/getRiskRecord.js';
import { getSnapshot } from '../store/getSnapshot.js';
import { getCheckpoint } from '../store/getCheckpoint.js';
import { listCandles } from '../store/listCandles.js';
import type { StoredRiskRecord } from '../store/StoredRiskRecord.js';
import type { RiskInputs } from '../risk/types.js';
import type { TableNames } from '../store/tables.js';
import { getConfig } from '../store/getConfig.js';
import { AUDIT_BUNDLE_FORMAT, type AuditBundle, type AuditBundleAsset } from './AuditBundle.js';
import { findPreviousState } from './findPreviousState.js';

export interface BuildAuditBundleParams {
  readonly oracle: { readonly chainId: number; readonly address: string };
  /** Round number, decimal. */
  readonly round: string;
  /**
   * Configs to look the records' configs up in (by canonical hash): the stage's current config,
   * and any earlier ones. A record whose config is in none of them gets `config: null`.
   */
  readonly configs: readonly AssetsConfig[];
  /** ms UTC, stamped as `generatedAt`. */
  readonly now: number;
}

/**
 * Assembles a round's audit bundle from DynamoDB: the publication, and for each published asset
 * its record, its exact inputs (the snapshot's, with the stored candles the record's provenance
 * names), the engine checkpoint it continued, the state it started from and its config.
 * @throws StoredItemError when the round, a record, a snapshot or a checkpoint is missing.
 */
export async function buildAuditBundle(
  dynamo: DynamoClients,
  tables: TableNames,
  params: BuildAuditBundleParams,
): Promise<AuditBundle> {
  const { oracle, round, configs, now } = params;
  const publication = await getPublication(dynamo, tables, oracleKey(oracle.chainId, oracle.address), round);
  const configsByHash = new Map<string, AuditBundleAsset['config']>();
  for (const config of configs)
    // Assets and pairs (a pair's resolved config, docs/cross-asset.md).
    for (const id of riskIds(config)) {
      const asset = riskConfigOf(config, id)!;
      for (const scheme of HASH_SCHEMES) configsByHash.set(hashCanonical(asset, scheme), asset);
    }
  const assets = await Promise.all(
    publication.assets.map(async ({ asset, recordTs }): Promise<AuditBundleAsset> => {
      const stored = await getRiskRecord(dynamo, tables, { asset, ts: recordTs });
      const { record, provenance } = stored;
      const { inputs, inputsHash, checkpoint } = await recordInputs(dynamo, tables, stored);
      const previous =
        record.previousHash === null
          ? null
          : ((await findPreviousState(dynamo, tables, {
              asset,
              beforeTs: recordTs,
              previousHash: record.previousHash,
              hashScheme: hashSchemeOf(record),
            })) ?? null);
      return {
        asset,
        recordTs,
        record,
        recordHash: stored.recordHash,
        inputs,
        snapshotInputsHash: inputsHash,
        previous,
        // The stored config (table `configs` by hash; inside older record items), else the given
        // configs, which serve records written before configs were stored.
        config:
          stored.config ??
          (await getConfig(dynamo, tables, record.configHash)) ??
          configsByHash.get(record.configHash) ??
          null,
        ...(provenance === undefined ? {} : { provenance }),
        ...(checkpoint === undefined ? {} : { checkpoint }),
      };
    }),
  );
  return {
    format: AUDIT_BUNDLE_FORMAT,
    generatedAt: new Date(now).toISOString(),
    oracle: { chainId: oracle.chainId, address: oracle.address },
    publication,
    assets,
  };
}

/** A record's exact inputs, and the checkpoint it continued (docs/methodology.md §8.4). */
async function recordInputs(
  dynamo: DynamoClients,
  tables: TableNames,
  { asset, ts, provenance }: StoredRiskRecord,
): Promise<{ inputs: RiskInputs; inputsHash: string; checkpoint?: AuditBundleAsset['checkpoint'] }> {
  // Before checkpoints fed the compute stage a record read its snapshot's whole candle history.
  if (provenance === undefined) return getSnapshot(dynamo, tables, asset, ts);
  const snapshot = await getSnapshot(dynamo, tables, asset, ts, { withCandles: false });
  const { candlesFromTs: from, candlesToTs: to } = provenance;
  const candles = from === null || to === null ? [] : await listCandles(dynamo, tables, asset, from, to);
  const inputs = { ...snapshot.inputs, candles };
  if (provenance.basis !== 'checkpoint') return { inputs, inputsHash: snapshot.inputsHash };
  const { hourTs, hash, state } = await getCheckpoint(dynamo, tables, asset, provenance.checkpointHourTs);
  return { inputs, inputsHash: snapshot.inputsHash, checkpoint: { hourTs, hash, state } };
}
