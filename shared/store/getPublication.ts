import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import type { TableNames } from './tables.js';
import type { Publication } from './Publication.js';
import { publicationFromItem } from './publicationFromItem.js';

export async function getPublication(
  { doc }: DynamoClients,
  tables: TableNames,
  oracle: string,
  round: string,
): Promise<Publication> {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: tables.publications,
      // BigInt: exact for every uint64 round (a Number above 2^53 is refused by the marshaller).
      Key: { oracle, round: BigInt(round) },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) throw new StoredItemError(`no publication of round ${round} for oracle ${oracle}`);
  return publicationFromItem(Item);
}
