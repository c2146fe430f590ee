import { BALLAST_METRICS } from '../../observability/metricNames.js';
import { Transaction, type TransactionReceipt } from 'ethers';
import { metrics } from '../../observability/powertools.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { appendLedgerAttempt } from '../../store/appendLedgerAttempt.js';
import { updateLedgerStatus } from '../../store/updateLedgerStatus.js';
import type { LedgerAttempt, LedgerEntry } from '../../store/LedgerEntry.js';
import { bumpFees } from '../../chain/fees/bumpFees.js';
import { estimateFees } from '../../chain/fees/estimateFees.js';
import type { PublisherContext } from './PublisherContext.js';

export type SendOutcome =
  | { readonly kind: 'mined'; readonly receipt: TransactionReceipt }
  | { readonly kind: 'pending'; readonly txHash: string; readonly ageMs: number }
  /** The nonce was used by a transaction this entry never signed: none of its attempts can mine. */
  | { readonly kind: 'dropped'; readonly accountNonce: number };

/** Every message in an error and the errors it wraps (ethers nests the node's answer). */
function messages(error: unknown, depth = 0): string {
  if (typeof error !== 'object' || error === null || depth > 4) return String(error);
  const e = error as { message?: unknown; cause?: unknown; error?: unknown; info?: { error?: unknown } };
  return [
    typeof e.message === 'string' ? e.message : '',
    ...[e.cause, e.error, e.info?.error].filter((n) => n !== undefined).map((n) => messages(n, depth + 1)),
  ].join(' | ');
}

/** Broadcasts raw bytes; "already known" and "nonce too low" mean the node has seen it, not failure. */
async function broadcast(context: PublisherContext, raw: string): Promise<void> {
  try {
    await context.rpc.call((provider) => provider.send('eth_sendRawTransaction', [raw]));
  } catch (error) {
    if (/already known|known transaction|nonce too low|already imported|AlreadyKnown/i.test(messages(error)))
      return;
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

/**
 * Waits until `receipt`'s block has `confirmations` blocks (itself included) and returns the
 * receipt read again at that depth, or undefined when a reorg moved or removed the transaction
 * meanwhile (the caller keeps polling: it may be mined again in another block).
 */
async function confirmed(
  context: PublisherContext,
  receipt: TransactionReceipt,
): Promise<TransactionReceipt | undefined> {
  for (;;) {
    const head = await context.rpc.call((provider) => provider.getBlockNumber());
    if (head - receipt.blockNumber + 1 >= context.timing.confirmations) break;
    await new Promise((r) => setTimeout(r, context.timing.pollMs));
  }
  if (context.timing.confirmations <= 1) return receipt;
  const again = await context.rpc.call((provider) => provider.getTransactionReceipt(receipt.hash));
  return again !== null && again.blockHash === receipt.blockHash ? again : undefined;
}

/**
 * Gets a ledger entry's transaction mined: (re)broadcasts its latest signed bytes, polls for a
 * receipt of ANY attempt (a replaced transaction can still be the one mined), and replaces it with
 * bumped fees (same nonce, same call) when it stays pending too long, up to the fee cap and the
 * replacement limit. Every replacement is recorded in the ledger before it is broadcast.
 * `dropped` when the sender's nonce moved past the entry's without any of its attempts mined.
 */
export async function sendAndConfirm(context: PublisherContext, entry: LedgerEntry): Promise<SendOutcome> {
  const key = { sender: entry.sender, nonce: entry.nonce };
  const from = entry.sender.slice(entry.sender.indexOf('#') + 1);
  const attempts: LedgerAttempt[] = [...entry.attempts];
  const hashes = (): string[] => attempts.map((a) => a.txHash);
  /**
   * Mined (with confirmations), dropped, or still pending. The account nonce is read BEFORE the
   * receipts: if it has passed ours and still no attempt has a receipt, another transaction took
   * the nonce (read the other way round, our own just-mined attempt could look dropped).
   */
  const check = async (): Promise<SendOutcome | undefined> => {
    const accountNonce = await context.rpc.call((provider) => provider.getTransactionCount(from, 'latest'));
    const receipt = await findReceipt(context, hashes());
    if (receipt !== undefined) {
      const final = await confirmed(context, receipt);
      return final === undefined ? undefined : { kind: 'mined', receipt: final };
    }
    return accountNonce > entry.nonce ? { kind: 'dropped', accountNonce } : undefined;
  };
  const first = await check();
  if (first !== undefined) return first;
  let latest = attempts.at(-1) as LedgerAttempt;
  await broadcast(context, latest.raw);
  await context.hooks?.afterBroadcast?.(latest.txHash);
  if (entry.status === 'signed')
    await updateLedgerStatus(context.dynamo, context.tables, key, 'broadcast', { now: context.now() });
  // Per invocation: a later invocation may replace again, up to the fee cap.
  let replacements = 0;
  // A transaction recovered from the ledger has been waiting since it was signed.
  let sentAt = Math.min(context.now(), latest.signedAt);
  for (;;) {
    const outcome = await check();
    if (outcome !== undefined) return outcome;
    const age = context.now() - sentAt;
    if (age < context.timing.replaceAfterMs) {
      await new Promise((r) => setTimeout(r, context.timing.pollMs));
      continue;
    }
    const pendingAgeMs = context.now() - (attempts[0]?.signedAt ?? sentAt);
    metrics.addMetric(BALLAST_METRICS.pendingTxAge, MetricUnit.Seconds, pendingAgeMs / 1000);
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
      metrics.addMetric(BALLAST_METRICS.feeCapReached, MetricUnit.Count, 1);
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
    metrics.addMetric(BALLAST_METRICS.txReplacements, MetricUnit.Count, 1);
    await broadcast(context, latest.raw);
    await context.hooks?.afterReplacement?.(latest.txHash, attempts.length - 1);
    sentAt = context.now();
  }
}
