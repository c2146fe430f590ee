import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { AssetHead } from './AssetHead.js';

export async function getAssetHead(
  { doc }: DynamoClients,
  tables: TableNames,
  asset: string,
): Promise<AssetHead | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.assets, Key: { asset }, ConsistentRead: true }),
  );
  return Item === undefined ? undefined : ({ ...Item, state: JSON.parse(Item.state as string) } as AssetHead);
}
