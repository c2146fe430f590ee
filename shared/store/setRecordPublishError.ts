import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chainMarkNames } from './chainMarks.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { RecordKey } from './StoredRiskRecord.js';
import type { TableNames } from './tables.js';

/**
 * Notes on a risk record why its parameters did not reach one chain (that chain's oracle refused
 * the batch): the chain's own mark `publishError@<chainId>` (shared/store/chainMarks.ts), so one
 * chain's refusal never shows as another's. The record stays due; nothing else changes. Refused
 * for a record that does not exist, so no partial item is ever created.
 */
export async function setRecordPublishError(
  { doc }: DynamoClients,
  tables: TableNames,
  { asset, ts }: RecordKey,
  error: string,
  /** The chain that refused it. */
  chainId: bigint | number,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.parameters,
      Key: { asset, ts },
      UpdateExpression: 'SET #chainError = :error',
      ConditionExpression: 'attribute_exists(asset)',
      ExpressionAttributeNames: { '#chainError': chainMarkNames(chainId).publishError },
      ExpressionAttributeValues: { ':error': error },
    }),
  );
}
