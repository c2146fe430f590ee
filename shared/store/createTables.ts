import {
  CreateTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableKey, type TableNames } from './tables.js';

/**
 * Creates every Ballast table (on-demand) if it does not exist yet. Used on the local stack;
 * in AWS the CDK stack owns the tables. Idempotent: existing tables are left as they are.
 * `timeToLive: false` leaves expiry off: a replay writes items dated years ago, which DynamoDB
 * Local would otherwise sweep away before `ballast verify` reads them.
 */
export async function createTables(
  client: DynamoDBClient,
  names: TableNames,
  { timeToLive = true }: { readonly timeToLive?: boolean } = {},
): Promise<void> {
  await Promise.all(
    (Object.keys(TABLES) as TableKey[]).map(async (key) => {
      const table = TABLES[key];
      const attributes = new Map<string, 'S' | 'N'>();
      const keySchema: KeySchemaElement[] = [{ AttributeName: table.partitionKey.name, KeyType: 'HASH' }];
      attributes.set(table.partitionKey.name, table.partitionKey.type);
      if ('sortKey' in table) {
        keySchema.push({ AttributeName: table.sortKey.name, KeyType: 'RANGE' });
        attributes.set(table.sortKey.name, table.sortKey.type);
      }
      const indexes =
        'globalIndexes' in table
          ? table.globalIndexes.map((index) => {
              attributes.set(index.partitionKey.name, index.partitionKey.type);
              return {
                IndexName: index.indexName,
                KeySchema: [{ AttributeName: index.partitionKey.name, KeyType: 'HASH' as const }],
                Projection: { ProjectionType: 'ALL' as const },
              };
            })
          : undefined;
      const definitions: AttributeDefinition[] = [...attributes].map(([AttributeName, AttributeType]) => ({
        AttributeName,
        AttributeType,
      }));
      try {
        await client.send(
          new CreateTableCommand({
            TableName: names[key],
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: keySchema,
            AttributeDefinitions: definitions,
            ...(indexes === undefined ? {} : { GlobalSecondaryIndexes: indexes }),
          }),
        );
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        return;
      }
      if (timeToLive && 'ttlAttribute' in table) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: names[key],
            TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
          }),
        );
      }
    }),
  );
}
