import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { LedgerEntry } from './LedgerEntry.js';
import type { Publication } from './Publication.js';
import { ConflictingWriteError } from './errors.js';
import type { TableNames } from './tables.js';

/** A round whose earlier transaction failed, kept on the publication that took its number. */
export interface SupersededAttempt {
  readonly status: 'reverted' | 'dropped';
  readonly nonce: number;
  readonly batchDigest: string;
  readonly txHash?: string;
  readonly error?: string;
}

/**
 * Records a round and its signed transaction in ONE transaction, before anything is broadcast:
 * either both the publication and the ledger entry exist, or neither does. Refused when the nonce
 * is taken, or the round is taken by a publication that may still reach the chain (pending or
 * mined), so no second batch can ever be sent for either.
 *
 * A round whose transaction reverted or was dropped never reached the chain, and the contract
 * expects that number again: the new publication takes it over and keeps the failed attempt in
 * `superseded` (its full record stays in the ledger under its nonce). Without this, one revert
 * would block every later round.
 */
export async function beginPublication(
  { doc }: DynamoClients,
  tables: TableNames,
  publication: Publication,
  entry: LedgerEntry,
): Promise<void> {
  const key = { oracle: publication.oracle, round: Number(publication.round) };
  const { Item: existing } = await doc.send(
    new GetCommand({ TableName: tables.publications, Key: key, ConsistentRead: true }),
  );
  // A publication left `pending` by a crash while its ledger entry is final (reverted or dropped)
  // never reached the chain either: it must not block its round number.
  const stalled =
    existing?.status === 'pending'
      ? await doc
          .send(
            new GetCommand({
              TableName: tables.ledger,
              Key: {
                sender: `${existing.chainId as number}#${(existing.sender as string).toLowerCase()}`,
                nonce: existing.nonce,
              },
              ConsistentRead: true,
            }),
          )
          .then(({ Item }) => (Item?.status === 'reverted' || Item?.status === 'dropped' ? Item : undefined))
      : undefined;
  const failed =
    existing !== undefined &&
    (existing.status === 'reverted' || existing.status === 'dropped' || stalled !== undefined)
      ? existing
      : undefined;
  const failedStatus = (stalled?.status ?? failed?.status) as 'reverted' | 'dropped';
  const failedError = (stalled?.error ?? failed?.error) as string | undefined;
  const superseded: SupersededAttempt[] =
    failed === undefined
      ? []
      : [
          ...((failed.superseded as SupersededAttempt[] | undefined) ?? []),
          {
            status: failedStatus,
            nonce: failed.nonce as number,
            batchDigest: failed.batchDigest as string,
            ...(failed.txHash === undefined ? {} : { txHash: failed.txHash as string }),
            ...(failedError === undefined ? {} : { error: failedError }),
          },
        ];
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.publications,
              Item: {
                ...publication,
                round: key.round,
                roundText: publication.round,
                ...(superseded.length === 0 ? {} : { superseded }),
              },
              // Taking over a failed round only if it is still the failure we read.
              ...(failed === undefined
                ? { ConditionExpression: 'attribute_not_exists(oracle)' }
                : {
                    ConditionExpression: '#status = :status AND nonce = :nonce',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':status': failed.status, ':nonce': failed.nonce },
                  }),
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
