import { Transaction } from 'ethers';
import type { Fees } from '../../chain/fees/FeePolicy.js';
import { batchDigest } from '../../chain/oracle/batchDigest.js';
import type { LedgerEntry } from '../../store/LedgerEntry.js';
import type { Publication, PublishedAsset } from '../../store/Publication.js';
import type { DueRecord } from './loadDueRecords.js';
import type { RoundImpact } from '../../risk/health/RoundImpact.js';
import type { BuiltBatch } from './buildBatch.js';
import type { PublisherContext } from './PublisherContext.js';

export interface PrepareRoundParams {
  readonly built: BuiltBatch;
  readonly records: readonly DueRecord[];
  readonly signer: string;
  /** `ledgerSender(chainId, signer)` */
  readonly sender: string;
  /** `oracleKey(chainId, oracleAddress)` */
  readonly oracle: string;
  readonly fees: Fees;
  /** The round's impact on positions, recorded with it. */
  readonly impact?: RoundImpact;
}

export interface PreparedRound {
  readonly publication: Publication;
  readonly entry: LedgerEntry;
  readonly assets: readonly PublishedAsset[];
}

/**
 * Signs the round's transaction (next pending nonce, gas limit with 20 % headroom) and builds what
 * is recorded before it is broadcast: the publication (status `pending`) and the ledger entry
 * (status `signed`) carrying the raw bytes.
 */
export async function prepareRound(
  context: PublisherContext,
  { built, records, signer, sender, oracle, fees, impact }: PrepareRoundParams,
): Promise<PreparedRound> {
  const { batch, signature, data, gasLimit } = built;
  const chainId = context.rpc.chainId;
  const round = batch.round.toString();
  const nonce = await context.rpc.call((provider) => provider.getTransactionCount(signer, 'pending'));
  const raw = await context.signer.signTransaction(
    Transaction.from({
      type: 2,
      chainId,
      nonce,
      to: context.oracleAddress,
      data,
      gasLimit: (gasLimit * 12n) / 10n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    }),
  );
  const txHash = Transaction.from(raw).hash as string;
  const now = context.now();
  const assets: PublishedAsset[] = records.map(({ asset, ts, sent, catchUp }) => ({
    asset,
    recordTs: ts,
    volIndexBps: sent.volIndexBps,
    ltvBps: sent.ltvBps,
    ltBps: sent.ltBps,
    lbBps: sent.lbBps,
    ...(catchUp === undefined ? {} : { catchUp }),
  }));
  const publication: Publication = {
    oracle,
    round,
    chainId: Number(chainId),
    oracleAddress: context.oracleAddress,
    observedAt: batch.observedAt,
    assets,
    batchDigest: batchDigest({ chainId, verifyingContract: context.oracleAddress }, batch),
    signatures: [signature],
    signer,
    sender: signer,
    nonce,
    status: 'pending',
    ...(impact === undefined ? {} : { impact }),
    txHash,
    createdAt: now,
    updatedAt: now,
  };
  const entry: LedgerEntry = {
    sender,
    nonce,
    round,
    batchDigest: publication.batchDigest,
    batch: JSON.stringify({ ...batch, round }),
    signatures: [signature],
    status: 'signed',
    attempts: [
      {
        txHash,
        raw,
        maxFeePerGas: fees.maxFeePerGas.toString(),
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
        signedAt: now,
      },
    ],
    createdAt: now,
    updatedAt: now,
  };
  return { publication, entry, assets };
}
