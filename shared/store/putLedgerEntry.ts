import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import { ConflictingWriteError } from './errors.js';
import type { TableNames } from './tables.js';
import type { LedgerEntry } from './LedgerEntry.js';

/**
 * Records a signed transaction BEFORE it is broadcast. Conditional on the (sender, nonce) being
 * free: a second writer for the same nonce is refused, so two different batches can never be
 * signed for one nonce and both sent.
 */
export async function putLedgerEntry(
  { doc }: DynamoClients,
  tables: TableNames,
  entry: LedgerEntry,
): Promise<void> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tables.ledger,
        Item: entry,
        ConditionExpression: 'attribute_not_exists(sender)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConflictingWriteError(
        `ledger already has nonce ${entry.nonce} for ${entry.sender}; nothing was sent`,
        {
          cause: error,
          fix: 'another publisher holds this sender: check the lease, then let the ledger reconcile the pending entry',
        },
      );
    }
    throw error;
  }
}
