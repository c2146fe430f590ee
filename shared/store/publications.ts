import { GetCommand, QueryCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { setExpression, type TransactionOutcome } from './transactionOutcome.js';
import type { DynamoClients } from './createDynamoClients.js';
import { putOnce } from './putOnce.js';
import type { RoundImpact } from '../risk/health/RoundImpact.js';
import { StoredItemError } from './errors.js';
import { TABLES, type TableNames } from './tables.js';

export type PublicationStatus = 'pending' | 'mined' | 'reverted' | 'dropped';

/** One asset's entry in a published batch, and the record it came from. */
export interface PublishedAsset {
  readonly asset: string;
  /** Key of the risk record (`parameters` table) whose candidate was published. */
  readonly recordTs: number;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
}

/** One oracle round: the signed batch and what became of it. The audit bundle starts here. */
export interface Publication extends TransactionOutcome {
  /** `${chainId}#${oracleAddress}` (lower-case): one round sequence per contract. */
  readonly oracle: string;
  /** Round number (decimal string, uint64). */
  readonly round: string;
  readonly chainId: number;
  readonly oracleAddress: string;
  /** Unix seconds the batch was observed at (what the contract checks for staleness). */
  readonly observedAt: number;
  readonly assets: readonly PublishedAsset[];
  /** EIP-712 digest of the batch, and the signatures over it (65-byte hex, low-s). */
  readonly batchDigest: string;
  readonly signatures: readonly string[];
  readonly signer: string;
  /** Sender of the transaction (a relayer; the same key by default). */
  readonly sender: string;
  readonly nonce: number;
  readonly status: PublicationStatus;
  /** What the round does to known positions, computed before it was signed (docs/positions.md). */
  readonly impact?: RoundImpact;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export function oracleKey(chainId: bigint | number, oracleAddress: string): string {
  return `${chainId}#${oracleAddress.toLowerCase()}`;
}

/** Writes a round once, before its transaction is sent. A retry with the same batch is a no-op. */
export async function putPublication(
  { doc }: DynamoClients,
  tables: TableNames,
  publication: Publication,
): Promise<boolean> {
  const { written } = await putOnce({
    doc,
    tableName: tables.publications,
    keyNames: [TABLES.publications.partitionKey.name, TABLES.publications.sortKey.name],
    identityAttribute: 'batchDigest',
    item: { ...publication, round: Number(publication.round), roundText: publication.round },
  });
  return written;
}

/** Records the outcome of a round's transaction. */
export async function updatePublicationOutcome(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { oracle: string; round: string },
  outcome: Pick<Publication, 'status'> & TransactionOutcome & { now: number },
): Promise<void> {
  const { now, ...fields } = outcome;
  const { sets, names, values } = setExpression(fields, {
    sets: ['updatedAt = :now'],
    names: {},
    values: { ':now': now },
  });
  await doc.send(
    new UpdateCommand({
      TableName: tables.publications,
      Key: { oracle: key.oracle, round: Number(key.round) },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(oracle)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

function fromItem(item: Record<string, unknown>): Publication {
  const { roundText, ...rest } = item;
  return { ...(rest as unknown as Publication), round: String(roundText ?? item.round) };
}

export async function getPublication(
  { doc }: DynamoClients,
  tables: TableNames,
  oracle: string,
  round: string,
): Promise<Publication> {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: tables.publications,
      // BigInt: exact for every uint64 round (a Number above 2^53 is refused by the marshaller).
      Key: { oracle, round: BigInt(round) },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) throw new StoredItemError(`no publication of round ${round} for oracle ${oracle}`);
  return fromItem(Item);
}

export async function getPublicationByTxHash(
  { doc }: DynamoClients,
  tables: TableNames,
  txHash: string,
): Promise<Publication | undefined> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tables.publications,
      IndexName: 'byTxHash',
      KeyConditionExpression: 'txHash = :txHash',
      ExpressionAttributeValues: { ':txHash': txHash.toLowerCase() },
    }),
  );
  const item = Items?.[0];
  return item === undefined ? undefined : fromItem(item);
}

/** Every round of an oracle, in round order (paginated internally). */
export async function listPublications(
  { doc }: DynamoClients,
  tables: TableNames,
  oracle: string,
): Promise<Publication[]> {
  const all: Publication[] = [];
  const query = {
    TableName: tables.publications,
    KeyConditionExpression: 'oracle = :oracle',
    ExpressionAttributeValues: { ':oracle': oracle },
  };
  for await (const page of paginateQuery({ client: doc }, query))
    all.push(...(page.Items ?? []).map(fromItem));
  return all;
}
