import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { RecordKey } from './riskRecords.js';
import type { TableNames } from './tables.js';

/**
 * Marks a risk record with the round and transaction that put its parameters on-chain. Idempotent
 * for the same round; refused (ConditionalCheckFailed) for a missing record or one already marked
 * with another round.
 */
export async function markRecordPublished(
  { doc }: DynamoClients,
  tables: TableNames,
  { asset, ts }: RecordKey,
  { round, txHash }: { readonly round: string; readonly txHash: string },
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.parameters,
      Key: { asset, ts },
      UpdateExpression: 'SET #round = :round, txHash = :txHash',
      ConditionExpression: 'attribute_exists(asset) AND (attribute_not_exists(#round) OR #round = :round)',
      ExpressionAttributeNames: { '#round': 'round' },
      ExpressionAttributeValues: { ':round': Number(round), ':txHash': txHash },
    }),
  );
}
