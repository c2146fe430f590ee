import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { AlertOutboxEntry } from './AlertOutboxEntry.js';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** Which alerts: still to deliver, delivered (kept DEFAULT_SENT_RETENTION_DAYS), or dead-lettered. */
export type AlertEntryScope = 'outbox' | 'sent' | 'dead';

/** The alerts of one scope, oldest first (by creation, then id). Strongly consistent. */
export async function listAlertEntries(
  { doc }: DynamoClients,
  tables: TableNames,
  scope: AlertEntryScope,
): Promise<AlertOutboxEntry[]> {
  const entries: AlertOutboxEntry[] = [];
  for await (const page of paginateQuery(
    { client: doc },
    {
      TableName: tables.alerts,
      KeyConditionExpression: '#scope = :scope',
      ExpressionAttributeNames: { '#scope': 'scope' },
      ExpressionAttributeValues: { ':scope': ALERT_SCOPES[scope] },
      ConsistentRead: true,
    },
  )) {
    for (const item of page.Items ?? []) {
      const { scope: _scope, key: _key, expiresAt: _expiresAt, ...entry } = item;
      entries.push(entry as AlertOutboxEntry);
    }
  }
  return entries.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
