import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { RecordKey } from './StoredRiskRecord.js';
import type { TableNames } from './tables.js';

/**
 * Notes on a risk record why its parameters did not reach the chain (the oracle refused the batch
 * or the round reverted). The record stays due; only `publishError` changes. Refused for a record
 * that does not exist, so no partial item is ever created.
 */
export async function setRecordPublishError(
  { doc }: DynamoClients,
  tables: TableNames,
  { asset, ts }: RecordKey,
  error: string,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.parameters,
      Key: { asset, ts },
      UpdateExpression: 'SET publishError = :error',
      ConditionExpression: 'attribute_exists(asset)',
      ExpressionAttributeValues: { ':error': error },
    }),
  );
}
