import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NearEdgeHealth, PositionHealthRecord } from './PositionHealthRecord.js';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** The newest cycle's position health, or undefined when the monitor has not run yet. */
export async function getLatestPositionHealth(
  { doc }: DynamoClients,
  tables: TableNames,
): Promise<PositionHealthRecord | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.alerts,
      KeyConditionExpression: '#scope = :scope',
      ExpressionAttributeNames: { '#scope': 'scope' },
      ExpressionAttributeValues: { ':scope': ALERT_SCOPES.health },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  if (item === undefined) return undefined;
  const { scope: _scope, key: _key, expiresAt: _expiresAt, nearEdgeJson, inputsJson, ...rest } = item;
  const inputs = JSON.parse(inputsJson as string) as Pick<
    PositionHealthRecord,
    'prices' | 'ltBps' | 'nextLtBps'
  >;
  return {
    ...(rest as Omit<PositionHealthRecord, 'nearEdge' | 'prices' | 'ltBps' | 'nextLtBps'>),
    ...inputs,
    nearEdge: JSON.parse(nearEdgeJson as string) as NearEdgeHealth[],
  };
}
