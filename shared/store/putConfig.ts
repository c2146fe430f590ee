import type { AssetConfig } from '../config/assetsConfig.js';
import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import { TABLES, type TableNames } from './tables.js';

/** Hashes already stored, per DynamoDB client and table: a warm Lambda writes a config once. */
const stored = new WeakMap<object, Set<string>>();

/**
 * Stores a resolved asset config once under its canonical hash (`record.configHash`), table
 * `configs`: every record computed with it names it by that hash. A second call with the same hash
 * writes nothing (remembered per client, else a conditional put that finds the item). Plain JSON
 * text: it is written once per config, and an operator reads it in the console as it is. The
 * caller checks that `configHash` is the config's hash (putRiskRecord).
 */
export async function putConfig(
  dynamo: DynamoClients,
  tables: TableNames,
  configHash: string,
  config: AssetConfig,
): Promise<{ written: boolean }> {
  let hashes = stored.get(dynamo.doc);
  if (hashes === undefined) stored.set(dynamo.doc, (hashes = new Set()));
  const key = `${tables.configs}#${configHash}`;
  if (hashes.has(key)) return { written: false };
  const { written } = await putOnce({
    doc: dynamo.doc,
    tableName: tables.configs,
    keyNames: [TABLES.configs.partitionKey.name],
    // The key is the canonical hash of the content: the same key is the same config.
    identityAttribute: 'configHash',
    item: { configHash, config: JSON.stringify(config) },
  });
  hashes.add(key);
  return { written };
}
