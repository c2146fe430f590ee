import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { setExpression, type TransactionOutcome } from './transactionOutcome.js';
import type { DynamoClients } from './createDynamoClients.js';
import { ConflictingWriteError } from './errors.js';
import type { TableNames } from './tables.js';

export type LedgerStatus = 'signed' | 'broadcast' | 'mined' | 'reverted' | 'dropped';

/** One signed transaction (first send or a fee-bumped replacement) for a ledger entry's nonce. */
export interface LedgerAttempt {
  readonly txHash: string;
  /** The raw signed transaction, so a retry re-broadcasts the same bytes. */
  readonly raw: string;
  readonly maxFeePerGas: string;
  readonly maxPriorityFeePerGas: string;
  /** ms UTC */
  readonly signedAt: number;
}

/** One (chain, sender, nonce): the batch it carries and every transaction signed for it. */
export interface LedgerEntry extends TransactionOutcome {
  /** `${chainId}#${senderAddress}` */
  readonly sender: string;
  readonly nonce: number;
  /** The oracle round the batch carries; a nonce carries exactly one round. */
  readonly round: string;
  /** EIP-712 digest of the batch: its content, signed once. */
  readonly batchDigest: string;
  /** The batch and its signatures as JSON, to rebuild the same call for a replacement. */
  readonly batch: string;
  readonly signatures: readonly string[];
  readonly status: LedgerStatus;
  readonly attempts: readonly LedgerAttempt[];
  /**
   * Set once the entry's outcome is fully recorded: publication, records' marks and asset heads.
   * A final entry without it is repaired by the next publisher (repairBookkeeping).
   */
  readonly bookkept?: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export function ledgerSender(chainId: bigint | number, address: string): string {
  return `${chainId}#${address.toLowerCase()}`;
}

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

/** Appends a replacement transaction (same nonce, higher fees) before it is broadcast. */
export async function appendLedgerAttempt(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { sender: string; nonce: number },
  attempt: LedgerAttempt,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tables.ledger,
      Key: key,
      UpdateExpression: 'SET attempts = list_append(attempts, :attempt), updatedAt = :now',
      ConditionExpression: '#status IN (:signed, :broadcast)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':attempt': [attempt],
        ':now': attempt.signedAt,
        ':signed': 'signed',
        ':broadcast': 'broadcast',
      },
    }),
  );
}

/** Moves an entry to a new status with its outcome fields. Final statuses are never changed. */
export async function updateLedgerStatus(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { sender: string; nonce: number },
  status: LedgerStatus,
  fields: TransactionOutcome & { now: number },
): Promise<void> {
  const { now, ...outcome } = fields;
  const { sets, names, values } = setExpression(
    { status, ...outcome },
    {
      sets: ['updatedAt = :now'],
      names: {},
      values: { ':now': now, ':signed': 'signed', ':broadcast': 'broadcast' },
    },
  );
  await doc.send(
    new UpdateCommand({
      TableName: tables.ledger,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status IN (:signed, :broadcast)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

export async function getLedgerEntry(
  { doc }: DynamoClients,
  tables: TableNames,
  sender: string,
  nonce: number,
): Promise<LedgerEntry | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tables.ledger, Key: { sender, nonce }, ConsistentRead: true }),
  );
  return Item as LedgerEntry | undefined;
}

/** Page size of the newest-first ledger read. @default 10 */
const OPEN_ENTRIES_PAGE = 10;

/**
 * Entries of a sender not yet final (signed or broadcast), lowest nonce first.
 *
 * Reads newest nonce first and stops at the first final entry: the publisher opens a nonce only
 * once every older entry is final (it reconciles before it signs anything new), so open entries
 * are always the newest ones. The read stays a page or two however long the sender's history is;
 * filtering the whole partition would read every transaction ever sent, on every run.
 */
export async function listOpenLedgerEntries(
  { doc }: DynamoClients,
  tables: TableNames,
  sender: string,
): Promise<LedgerEntry[]> {
  const open: LedgerEntry[] = [];
  const query = {
    TableName: tables.ledger,
    KeyConditionExpression: 'sender = :sender',
    ExpressionAttributeValues: { ':sender': sender },
    ScanIndexForward: false,
    ConsistentRead: true,
  };
  for await (const page of paginateQuery({ client: doc, pageSize: OPEN_ENTRIES_PAGE }, query)) {
    for (const item of (page.Items ?? []) as LedgerEntry[]) {
      if (item.status !== 'signed' && item.status !== 'broadcast') return open.reverse();
      open.push(item);
    }
  }
  return open.reverse();
}
