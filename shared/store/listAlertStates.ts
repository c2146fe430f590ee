import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { AlertStateItem } from './AlertOutboxEntry.js';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** Every position's stored alert state, by position id (a position without one is `ok`). */
export async function listAlertStates(
  { doc }: DynamoClients,
  tables: TableNames,
): Promise<Map<string, AlertStateItem>> {
  const states = new Map<string, AlertStateItem>();
  for await (const page of paginateQuery(
    { client: doc },
    {
      TableName: tables.alerts,
      KeyConditionExpression: '#scope = :scope',
      ExpressionAttributeNames: { '#scope': 'scope' },
      ExpressionAttributeValues: { ':scope': ALERT_SCOPES.state },
      ConsistentRead: true,
    },
  )) {
    for (const item of page.Items ?? []) {
      const { scope: _scope, key: _key, ...state } = item;
      states.set(state.position as string, state as AlertStateItem);
    }
  }
  return states;
}
