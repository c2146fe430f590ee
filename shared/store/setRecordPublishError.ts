import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chainMarkNames } from './chainMarks.js';
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
  /** The chain that refused it: also noted as `publishError@<chainId>` (shared/store/chainMarks.ts). */
  chainId?: bigint | number,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.parameters,
      Key: { asset, ts },
      UpdateExpression: `SET publishError = :error${chainId === undefined ? '' : ', #chainError = :error'}`,
      ConditionExpression: 'attribute_exists(asset)',
      ExpressionAttributeValues: { ':error': error },
      ...(chainId === undefined
        ? {}
        : { ExpressionAttributeNames: { '#chainError': chainMarkNames(chainId).publishError } }),
    }),
  );
}
