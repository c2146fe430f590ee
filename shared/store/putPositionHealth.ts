import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PositionHealthRecord } from './PositionHealthRecord.js';
import { ALERT_SCOPES, healthKey } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** How long a cycle's position health is kept (DynamoDB TTL), days. @default 90 */
export const DEFAULT_HEALTH_RETENTION_DAYS = 90;

/**
 * Stores a cycle's position health (the near-edge list as one JSON attribute: compact, and one
 * item stays under DynamoDB's 400 KB with the monitor's cap). A rerun of the cycle overwrites it
 * with the same figures.
 */
export async function putPositionHealth(
  { doc }: DynamoClients,
  tables: TableNames,
  record: PositionHealthRecord,
): Promise<void> {
  const { nearEdge, prices, ltBps, nextLtBps, ...rest } = record;
  await doc.send(
    new PutCommand({
      TableName: tables.alerts,
      Item: {
        scope: ALERT_SCOPES.health,
        key: healthKey(record.cycleTs),
        ...rest,
        nearEdgeJson: JSON.stringify(nearEdge),
        inputsJson: JSON.stringify({ prices, ltBps, nextLtBps }),
        expiresAt: Math.floor(record.computedAt / 1000) + DEFAULT_HEALTH_RETENTION_DAYS * 86_400,
      },
    }),
  );
}
