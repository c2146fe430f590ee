import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { chainMarkNames } from './chainMarks.js';
import type { DynamoClients } from './createDynamoClients.js';
import { OutcomeWriteError } from './errors.js';
import type { RecordKey } from './StoredRiskRecord.js';
import type { TableNames } from './tables.js';
import { setExpression } from './setExpression.js';
import type { TransactionOutcome } from './TransactionOutcome.js';

/** Items in one DynamoDB transaction (the service's limit). @default 100 */
export const MAX_TRANSACTION_ITEMS = 100;

export interface RecordRoundOutcomeParams {
  /** The ledger entry that carried the round. */
  readonly ledger: { readonly sender: string; readonly nonce: number };
  /** The round's publication; only updated while it still belongs to this nonce. */
  readonly publication: { readonly oracle: string; readonly round: string };
  /** The chain the round is on: the records get its per-chain marks (shared/store/chainMarks.ts). */
  readonly chainId: bigint | number;
  readonly status: 'mined' | 'reverted' | 'dropped';
  readonly outcome: TransactionOutcome;
  /** The records the round carried: marked with round and tx hash when mined, with the error when reverted. */
  readonly records: readonly RecordKey[];
  /** `publishError@<chainId>` written on the records of a reverted round. */
  readonly recordError?: string;
  /** ms UTC */
  readonly now: number;
}

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * Records what became of a round in ONE DynamoDB transaction: the ledger entry's final status, the
 * publication's outcome and the records' marks either all land or none does, so a crash can never
 * leave a published round looking unpublished (publication pending, records unmarked).
 *
 * Idempotent: recording the same outcome again succeeds and changes nothing but `updatedAt`, which
 * is how reconciliation repairs a round. A ledger entry already final with ANOTHER status, a
 * publication taken over by another nonce, or a record marked with another round refuse the whole
 * transaction (OutcomeWriteError).
 *
 * Above MAX_TRANSACTION_ITEMS the records are marked first, in transactions of their own, and the
 * ledger and publication last: until the last transaction lands the ledger entry stays open, so
 * the next publisher's reconciliation records the outcome again and completes the marks.
 */
export async function recordRoundOutcome(
  { doc }: DynamoClients,
  tables: TableNames,
  params: RecordRoundOutcomeParams,
): Promise<void> {
  const { ledger, publication, status, outcome, now } = params;
  const ledgerSet = setExpression(
    { status, ...outcome },
    {
      sets: ['updatedAt = :now'],
      names: {},
      values: { ':now': now, ':signed': 'signed', ':broadcast': 'broadcast' },
    },
  );
  const publicationSet = setExpression(
    { status, ...outcome },
    { sets: ['updatedAt = :now'], names: {}, values: { ':now': now, ':nonce': ledger.nonce } },
  );
  const statusItems: TransactItem[] = [
    {
      Update: {
        TableName: tables.ledger,
        Key: { sender: ledger.sender, nonce: ledger.nonce },
        UpdateExpression: `SET ${ledgerSet.sets.join(', ')}`,
        ConditionExpression: '#status IN (:signed, :broadcast, :status)',
        ExpressionAttributeNames: ledgerSet.names,
        ExpressionAttributeValues: ledgerSet.values,
      },
    },
    {
      Update: {
        TableName: tables.publications,
        Key: { oracle: publication.oracle, round: Number(publication.round) },
        UpdateExpression: `SET ${publicationSet.sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(oracle) AND nonce = :nonce',
        ExpressionAttributeNames: publicationSet.names,
        ExpressionAttributeValues: publicationSet.values,
      },
    },
  ];
  const marks = chainMarkNames(params.chainId);
  const recordItems: TransactItem[] =
    status === 'dropped'
      ? []
      : params.records.map(({ asset, ts }) =>
          status === 'mined'
            ? {
                Update: {
                  TableName: tables.parameters,
                  Key: { asset, ts },
                  // The chain's own marks (its earlier refusal no longer applies), and the first
                  // publication on any chain in round/txHash.
                  UpdateExpression:
                    'SET #chainRound = :round, #chainTx = :txHash, #chainBlock = :block, #round = if_not_exists(#round, :round), ' +
                    'txHash = if_not_exists(txHash, :txHash), roundChainId = if_not_exists(roundChainId, :chainId) ' +
                    'REMOVE #chainError',
                  ConditionExpression:
                    'attribute_exists(asset) AND (attribute_not_exists(#chainRound) OR #chainRound = :round)',
                  ExpressionAttributeNames: {
                    '#round': 'round',
                    '#chainRound': marks.round,
                    '#chainTx': marks.txHash,
                    '#chainBlock': marks.block,
                    '#chainError': marks.publishError,
                  },
                  ExpressionAttributeValues: {
                    ':round': Number(publication.round),
                    ':txHash': outcome.txHash,
                    ':block': outcome.blockNumber ?? null,
                    ':chainId': Number(params.chainId),
                  },
                },
              }
            : {
                Update: {
                  TableName: tables.parameters,
                  Key: { asset, ts },
                  // The chain's own mark only: another chain may have published the same record.
                  UpdateExpression: 'SET #chainError = :error',
                  ConditionExpression: 'attribute_exists(asset)',
                  ExpressionAttributeNames: { '#chainError': marks.publishError },
                  ExpressionAttributeValues: {
                    ':error': params.recordError ?? `round ${publication.round} ${status}`,
                  },
                },
              },
        );
  // Fixed order: every record chunk before the chunk that carries the final statuses.
  const room = MAX_TRANSACTION_ITEMS - statusItems.length;
  const split = Math.max(0, recordItems.length - room);
  const chunks: TransactItem[][] = [];
  for (let i = 0; i < split; i += MAX_TRANSACTION_ITEMS)
    chunks.push(recordItems.slice(i, Math.min(split, i + MAX_TRANSACTION_ITEMS)));
  chunks.push([...recordItems.slice(split), ...statusItems]);
  for (const items of chunks) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? [])
        .map((reason, i) => (reason.Code === 'None' ? undefined : `item ${i}: ${reason.Code}`))
        .filter((r) => r !== undefined);
      throw new OutcomeWriteError(
        `recording round ${publication.round} as ${status} (nonce ${ledger.nonce} of ${ledger.sender}) was refused: ${reasons.join(', ') || error.message}`,
        {
          cause: error,
          fix: 'another outcome is already recorded for this entry, round or record: compare the ledger entry, the publication and the records with the chain (ballast verify)',
        },
      );
    }
  }
}
