import { Interface } from 'ethers';
import { batchTypedData } from '../../chain/oracle/batchTypedData.js';
import { decodeOracleError } from '../../chain/oracle/decodeOracleError.js';
import { encodeBatch } from '../../chain/oracle/encodeBatch.js';
import { packSignatures } from '../../chain/oracle/packSignatures.js';
import { RISK_ORACLE_ABI } from '../../chain/oracle/riskOracleAbi.js';
import type { OracleBatch } from '../../chain/oracle/types.js';
import type { DueRecord } from './loadDueRecords.js';
import type { PublisherContext } from './PublisherContext.js';

export interface BuildBatchParams {
  /** The records and the values this chain is sent for each (their candidate, or a catch-up step). */
  readonly records: readonly DueRecord[];
  readonly round: bigint;
  readonly signer: string;
  readonly domain: { readonly chainId: bigint; readonly verifyingContract: string };
}

export interface BuiltBatch {
  readonly kind: 'built';
  readonly batch: OracleBatch;
  readonly signature: string;
  /** Calldata of `submit`. */
  readonly data: string;
  readonly gasLimit: bigint;
}

/** The contract would revert the batch: its decoded reason, and the asset it names, if any. */
export interface RefusedBatch {
  readonly kind: 'refused';
  readonly reason: string;
  readonly asset?: string;
}

const RISK_ORACLE_INTERFACE = new Interface(RISK_ORACLE_ABI);

/**
 * Builds the batch of `records`, signs it ONCE (EIP-712, one KMS Sign whatever the number of
 * assets) and estimates its gas. A revert in the estimate means the contract refuses the batch:
 * returned with its decoded reason (and the asset it names, if any) instead of being sent.
 */
export async function buildBatch(
  context: PublisherContext,
  { records, round, signer, domain }: BuildBatchParams,
): Promise<BuiltBatch | RefusedBatch> {
  const batch: OracleBatch = {
    round,
    // The oldest collection time in the batch: the contract judges freshness by it.
    observedAt: Math.floor(Math.min(...records.map((r) => r.ts)) / 1000),
    updates: records.map(({ asset, sent }) => ({
      asset,
      volIndexBps: sent.volIndexBps,
      ltvBps: sent.ltvBps,
      ltBps: sent.ltBps,
      lbBps: sent.lbBps,
    })),
  };
  const typed = batchTypedData(domain, batch);
  const signature = await context.signer.signTypedData(typed.domain, typed.types, typed.value);
  const packed = packSignatures([{ signer, signature }]);
  const encoded = encodeBatch(batch);
  const data = RISK_ORACLE_INTERFACE.encodeFunctionData('submit', [
    encoded.round,
    encoded.observedAt,
    encoded.updates,
    packed,
  ]);
  try {
    const gasLimit = await context.rpc.call((provider) =>
      provider.estimateGas({ from: signer, to: context.oracleAddress, data }),
    );
    return { kind: 'built', batch, signature, data, gasLimit };
  } catch (error) {
    const decoded = decodeOracleError(error);
    if (decoded === undefined && (error as { code?: string }).code !== 'CALL_EXCEPTION') throw error;
    const reason = decoded?.message ?? (error instanceof Error ? error.message : String(error));
    const asset = decoded?.args.asset;
    return { kind: 'refused', reason, ...(asset === undefined ? {} : { asset }) };
  }
}
