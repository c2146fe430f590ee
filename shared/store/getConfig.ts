import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AssetConfig } from '../config/assetsConfig.js';
import type { DynamoClients } from './createDynamoClients.js';
import { readJsonAttribute } from './readJsonAttribute.js';
import type { TableNames } from './tables.js';

/** A resolved asset config by its canonical hash (table `configs`, putConfig); undefined when not stored. */
export async function getConfig(
  { doc }: DynamoClients,
  tables: TableNames,
  configHash: string,
): Promise<AssetConfig | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: tables.configs, Key: { configHash } }));
  return Item === undefined ? undefined : (readJsonAttribute(Item, 'config') as AssetConfig | undefined);
}
