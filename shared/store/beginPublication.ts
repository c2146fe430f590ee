import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { LedgerEntry } from './ledger.js';
import type { Publication } from './publications.js';
import { ConflictingWriteError } from './StoreError.js';
import type { TableNames } from './tables.js';

/**
 * Records a round and its signed transaction in ONE transaction, before anything is broadcast:
 * either both the publication and the ledger entry exist, or neither does. Refused when the round
 * or the nonce is already taken, so no second batch can ever be sent for either.
 */
export async function beginPublication(
  { doc }: DynamoClients,
  tables: TableNames,
  publication: Publication,
  entry: LedgerEntry,
): Promise<void> {
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.publications,
              Item: { ...publication, round: Number(publication.round), roundText: publication.round },
              ConditionExpression: 'attribute_not_exists(oracle)',
            },
          },
          {
            Put: {
              TableName: tables.ledger,
              Item: entry,
              ConditionExpression: 'attribute_not_exists(sender)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new ConflictingWriteError(
        `round ${publication.round} or nonce ${entry.nonce} of ${entry.sender} is already recorded; nothing was sent`,
        {
          cause: error,
          fix: 'another publisher is writing: check the lease; the ledger reconciles the pending entry on the next run',
        },
      );
    }
    throw error;
  }
}
