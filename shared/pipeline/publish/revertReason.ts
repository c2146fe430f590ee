import type { TransactionReceipt } from 'ethers';
import { decodeOracleError } from '../../chain/oracle/decodeOracleError.js';
import type { LedgerEntry } from '../../store/LedgerEntry.js';
import type { PublisherContext } from './PublisherContext.js';

/**
 * Why a mined transaction reverted. First the node's own trace of the transaction (exact, where
 * `debug_traceTransaction` is offered); otherwise the call replayed on the state after its block:
 * a reverted transaction changed nothing, and that state includes whatever ran before it in the
 * same block (replaying on the parent block would miss, e.g., a guardrail change mined first).
 */
export async function revertReason(
  context: PublisherContext,
  receipt: TransactionReceipt,
  entry: Pick<LedgerEntry, 'round'>,
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
