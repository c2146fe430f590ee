import { Transaction, type TransactionReceipt } from 'ethers';
import { metrics } from '../../observability/powertools.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  appendLedgerAttempt,
  updateLedgerStatus,
  type LedgerAttempt,
  type LedgerEntry,
} from '../../store/ledger.js';
import { bumpFees } from '../fees/bumpFees.js';
import { estimateFees } from '../fees/estimateFees.js';
import type { PublisherContext } from './PublisherContext.js';

export type SendOutcome =
  | { readonly kind: 'mined'; readonly receipt: TransactionReceipt }
  | { readonly kind: 'pending'; readonly txHash: string; readonly ageMs: number };

/** Broadcasts raw bytes; "already known" and "nonce too low" mean the node has seen it, not failure. */
async function broadcast(context: PublisherContext, raw: string): Promise<void> {
  try {
    await context.rpc.call((provider) => provider.send('eth_sendRawTransaction', [raw]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/already known|known transaction|nonce too low|already imported|AlreadyKnown/i.test(message)) return;
    throw error;
  }
}

async function findReceipt(
  context: PublisherContext,
  hashes: readonly string[],
): Promise<TransactionReceipt | undefined> {
  for (const hash of hashes) {
    const receipt = await context.rpc.call((provider) => provider.getTransactionReceipt(hash));
    if (receipt !== null) return receipt;
  }
  return undefined;
}

async function waitConfirmations(context: PublisherContext, receipt: TransactionReceipt): Promise<void> {
  for (;;) {
    const head = await context.rpc.call((provider) => provider.getBlockNumber());
    if (head - receipt.blockNumber + 1 >= context.timing.confirmations) return;
    await new Promise((r) => setTimeout(r, context.timing.pollMs));
  }
}

/**
 * Gets a ledger entry's transaction mined: (re)broadcasts its latest signed bytes, polls for a
 * receipt of ANY attempt (a replaced transaction can still be the one mined), and replaces it with
 * bumped fees (same nonce, same call) when it stays pending too long, up to the fee cap and the
 * replacement limit. Every replacement is recorded in the ledger before it is broadcast.
 */
export async function sendAndConfirm(context: PublisherContext, entry: LedgerEntry): Promise<SendOutcome> {
  const key = { sender: entry.sender, nonce: entry.nonce };
  const attempts: LedgerAttempt[] = [...entry.attempts];
  const hashes = (): string[] => attempts.map((a) => a.txHash);
  const existing = await findReceipt(context, hashes());
  if (existing !== undefined) {
    await waitConfirmations(context, existing);
    return { kind: 'mined', receipt: existing };
  }
  let latest = attempts.at(-1) as LedgerAttempt;
  await broadcast(context, latest.raw);
  await context.hooks?.afterBroadcast?.(latest.txHash);
  if (entry.status === 'signed')
    await updateLedgerStatus(context.dynamo, context.tables, key, 'broadcast', { now: context.now() });
  let replacements = attempts.length - 1;
  let sentAt = context.now();
  for (;;) {
    const receipt = await findReceipt(context, hashes());
    if (receipt !== null && receipt !== undefined) {
      await waitConfirmations(context, receipt);
      return { kind: 'mined', receipt };
    }
    const age = context.now() - sentAt;
    if (age < context.timing.replaceAfterMs) {
      await new Promise((r) => setTimeout(r, context.timing.pollMs));
      continue;
    }
    const pendingAgeMs = context.now() - (attempts[0]?.signedAt ?? sentAt);
    metrics.addMetric('PendingTxAgeSeconds', MetricUnit.Seconds, pendingAgeMs / 1000);
    if (replacements >= context.timing.maxReplacements)
      return { kind: 'pending', txHash: latest.txHash, ageMs: pendingAgeMs };
    const previous = {
      maxFeePerGas: BigInt(latest.maxFeePerGas),
      maxPriorityFeePerGas: BigInt(latest.maxPriorityFeePerGas),
    };
    const current = await context.rpc
      .call((provider) => estimateFees(provider, context.feePolicy))
      .catch(() => previous);
    const fees = bumpFees(previous, current, context.feePolicy);
    if (fees === undefined) {
      metrics.addMetric('FeeCapReached', MetricUnit.Count, 1);
      return { kind: 'pending', txHash: latest.txHash, ageMs: pendingAgeMs };
    }
    const unsigned = Transaction.from(latest.raw);
    const replacement = Transaction.from({
      type: 2,
      chainId: unsigned.chainId,
      nonce: unsigned.nonce,
      to: unsigned.to,
      data: unsigned.data,
      value: unsigned.value,
      gasLimit: unsigned.gasLimit,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    const raw = await context.signer.signTransaction(replacement);
    latest = {
      txHash: Transaction.from(raw).hash as string,
      raw,
      maxFeePerGas: fees.maxFeePerGas.toString(),
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
      signedAt: context.now(),
    };
    await appendLedgerAttempt(context.dynamo, context.tables, key, latest);
    attempts.push(latest);
    replacements++;
    metrics.addMetric('TxReplacements', MetricUnit.Count, 1);
    await broadcast(context, latest.raw);
    sentAt = context.now();
  }
}
