import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../risk/provenance/hashSchemeOf.js';
import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskRecord } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import { StoredItemError } from './errors.js';
import { TABLES, type TableNames } from './tables.js';

/** How a record is keyed: one per asset and cycle (the snapshot's collection time). */
export interface RecordKey {
  readonly asset: string;
  readonly ts: number;
}

/**
 * Writes a risk record once, with its canonical JSON (what an auditor re-hashes and compares) and
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
      // Plain JSON round-trips every double exactly; the hash is over the canonical form.
      record: JSON.stringify(record),
      // Kept with the record so an auditor can recompute it even after the stage's config changed.
      ...(config === undefined ? {} : { config: JSON.stringify(config) }),
    },
  });
  return { recordHash, written };
}

export interface StoredRiskRecord extends RecordKey {
  readonly record: RiskRecord;
  readonly recordHash: string;
  /** The resolved asset config the record was computed with (absent on records written before it was kept). */
  readonly config?: AssetConfig;
  /** Set once the record's parameters were published on-chain: the first round, on any chain. */
  readonly round?: string;
  readonly txHash?: string;
  /** The chain of `round` (absent on records published before chain marks existed). */
  readonly roundChainId?: number;
  /** Per chain id (decimal string): the round that carried this record there (shared/store/chainMarks.ts). */
  readonly chains?: Readonly<Record<string, { readonly round: string; readonly txHash?: string }>>;
}

function fromItem(item: Record<string, unknown>): StoredRiskRecord {
  const chains: Record<string, { round: string; txHash?: string }> = {};
  for (const [name, value] of Object.entries(item)) {
    const chainId = /^round@(\d+)$/.exec(name)?.[1];
    if (chainId === undefined) continue;
    const txHash = item[`txHash@${chainId}`];
    chains[chainId] = { round: String(value), ...(typeof txHash === 'string' ? { txHash } : {}) };
  }
  return {
    asset: item.asset as string,
    ts: item.ts as number,
    record: JSON.parse(item.record as string) as RiskRecord,
    recordHash: item.recordHash as string,
    ...(typeof item.config === 'string' ? { config: JSON.parse(item.config) as AssetConfig } : {}),
    ...(item.round === undefined ? {} : { round: String(item.round) }),
    ...(item.txHash === undefined ? {} : { txHash: item.txHash as string }),
    ...(item.roundChainId === undefined ? {} : { roundChainId: Number(item.roundChainId) }),
    ...(Object.keys(chains).length === 0 ? {} : { chains }),
  };
}

/** Reads one record. */
export async function getRiskRecord(
  { doc }: DynamoClients,
  tables: TableNames,
  { asset, ts }: RecordKey,
): Promise<StoredRiskRecord> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.parameters, Key: { asset, ts }, ConsistentRead: true }),
  );
  if (Item === undefined)
    throw new StoredItemError(`no risk record for ${asset} at ${ts} in ${tables.parameters}`);
  return fromItem(Item);
}

/** The most recent record of an asset, or undefined when it has none. */
export async function getLatestRiskRecord(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
): Promise<StoredRiskRecord | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.parameters,
      KeyConditionExpression: 'asset = :asset',
      ExpressionAttributeValues: { ':asset': asset },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item === undefined ? undefined : fromItem(item);
}
