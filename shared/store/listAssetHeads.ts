import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { AssetHead } from './AssetHead.js';

export async function listAssetHeads({ doc }: DynamoClients, tables: TableNames): Promise<AssetHead[]> {
  const heads: AssetHead[] = [];
  for await (const page of paginateScan(
    { client: doc },
    { TableName: tables.assets, ConsistentRead: true },
  )) {
    for (const item of page.Items ?? [])
      heads.push({ ...item, state: JSON.parse(item.state as string) } as AssetHead);
  }
  return heads.sort((a, b) => a.asset.localeCompare(b.asset));
}
