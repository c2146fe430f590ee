import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactionReceipt } from 'ethers';
import { advanceAssetHead, getAssetHead } from '../../store/assetHeads.js';
import { updateLedgerStatus, type LedgerEntry } from '../../store/ledger.js';
import { getRiskRecord } from '../../store/riskRecords.js';
import { updatePublicationOutcome, type Publication } from '../../store/publications.js';
import { decodeOracleError } from '../../chain/oracle/decodeOracleError.js';
import type { PublisherContext } from './PublisherContext.js';

export interface RecordedOutcome {
  readonly status: 'mined' | 'reverted' | 'dropped';
  readonly txHash: string;
  readonly blockNumber: number;
  readonly gasUsed: bigint;
  readonly error?: string;
}

/**
 * Why a mined transaction reverted. First the node's own trace of the transaction (exact, where
 * `debug_traceTransaction` is offered); otherwise the call replayed on the state after its block:
 * a reverted transaction changed nothing, and that state includes whatever ran before it in the
 * same block (replaying on the parent block would miss, e.g., a guardrail change mined first).
 */
async function revertReason(
  context: PublisherContext,
  receipt: TransactionReceipt,
  entry: LedgerEntry,
): Promise<string> {
  const traced = await context.rpc
    .call((provider) => provider.send('debug_traceTransaction', [receipt.hash, { tracer: 'callTracer' }]))
    .then((trace: { output?: string }) => decodeOracleError(trace.output ?? ''))
    .catch(() => undefined);
  if (traced !== undefined) return traced.message;
  const tx = await context.rpc.call((provider) => provider.getTransaction(receipt.hash));
  try {
    await context.rpc.call((provider) =>
      provider.call({
        from: receipt.from,
        to: receipt.to,
        data: tx?.data ?? '0x',
        blockTag: receipt.blockNumber,
      }),
    );
    return `reverted in block ${receipt.blockNumber} (replaying the call does not revert; round ${entry.round})`;
  } catch (error) {
    return decodeOracleError(error)?.message ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Records that a ledger entry's nonce was taken by a transaction it never signed: the round did
 * not reach the chain, and its number is free for the next batch.
 */
export async function recordDropped(
  context: PublisherContext,
  entry: LedgerEntry,
  publication: Pick<Publication, 'oracle' | 'round'>,
  accountNonce: number,
): Promise<RecordedOutcome> {
  const now = context.now();
  const error = `nonce ${entry.nonce} was used by another transaction (account nonce is now ${accountNonce}); none of the ${entry.attempts.length} signed attempt(s) mined`;
  await updateLedgerStatus(
    context.dynamo,
    context.tables,
    { sender: entry.sender, nonce: entry.nonce },
    'dropped',
    {
      error,
      now,
    },
  );
  await updatePublicationOutcome(context.dynamo, context.tables, publication, {
    status: 'dropped',
    error,
    now,
  });
  return {
    status: 'dropped',
    txHash: entry.attempts.at(-1)?.txHash ?? '',
    blockNumber: 0,
    gasUsed: 0n,
    error,
  };
}

/**
 * Records what became of a round: ledger entry and publication get the outcome; when mined, each
 * published asset's head moves to its record's next state and the record is marked with the round.
 */
export async function recordOutcome(
  context: PublisherContext,
  entry: LedgerEntry,
  publication: Pick<Publication, 'oracle' | 'round' | 'assets' | 'observedAt'>,
  receipt: TransactionReceipt,
): Promise<RecordedOutcome & { readonly status: 'mined' | 'reverted' }> {
  const now = context.now();
  const outcome = {
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed.toString(),
    effectiveGasPrice: receipt.gasPrice.toString(),
  };
  const key = { sender: entry.sender, nonce: entry.nonce };
  if (receipt.status !== 1) {
    const error = await revertReason(context, receipt, entry);
    await updateLedgerStatus(context.dynamo, context.tables, key, 'reverted', { ...outcome, error, now });
    await updatePublicationOutcome(context.dynamo, context.tables, publication, {
      status: 'reverted',
      ...outcome,
      error,
      now,
    });
    // The records say why they are not on-chain (they stay due for the next cycle).
    await Promise.all(
      publication.assets.map(({ asset, recordTs }) =>
        context.dynamo.doc.send(
          new UpdateCommand({
            TableName: context.tables.parameters,
            Key: { asset, ts: recordTs },
            UpdateExpression: 'SET publishError = :error',
            ConditionExpression: 'attribute_exists(asset)',
            ExpressionAttributeValues: { ':error': `round ${publication.round} reverted: ${error}` },
          }),
        ),
      ),
    );
    return {
      status: 'reverted',
      txHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      error,
    };
  }
  await updateLedgerStatus(context.dynamo, context.tables, key, 'mined', { ...outcome, now });
  await updatePublicationOutcome(context.dynamo, context.tables, publication, {
    status: 'mined',
    ...outcome,
    now,
  });
  await Promise.all(
    publication.assets.map(async ({ asset, recordTs }) => {
      const [stored, head] = await Promise.all([
        getRiskRecord(context.dynamo, context.tables, { asset, ts: recordTs }),
        getAssetHead(context.dynamo, context.tables, asset),
      ]);
      await context.dynamo.doc.send(
        new UpdateCommand({
          TableName: context.tables.parameters,
          Key: { asset, ts: recordTs },
          UpdateExpression: 'SET #round = :round, txHash = :txHash',
          ConditionExpression:
            'attribute_exists(asset) AND (attribute_not_exists(#round) OR #round = :round)',
          ExpressionAttributeNames: { '#round': 'round' },
          ExpressionAttributeValues: { ':round': Number(publication.round), ':txHash': receipt.hash },
        }),
      );
      await advanceAssetHead(context.dynamo, context.tables, {
        ...(head ?? {}),
        asset,
        state: stored.record.nextState,
        recordTs,
        lastCycleTs: recordTs,
        degraded: stored.record.flags.degraded,
        lastRound: publication.round,
        lastTxHash: receipt.hash,
        lastPublishedAt: now,
        lastObservedAt: publication.observedAt * 1000,
      });
    }),
  );
  return {
    status: 'mined',
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
  };
}
