import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Interface, Transaction, formatEther } from 'ethers';
import { logger, metrics } from '../../observability/powertools.js';
import { beginPublication } from '../../store/beginPublication.js';
import { acquireLease, releaseLease } from '../../store/leases.js';
import { ledgerSender, listOpenLedgerEntries, type LedgerEntry } from '../../store/ledger.js';
import {
  getPublication,
  oracleKey,
  type Publication,
  type PublishedAsset,
} from '../../store/publications.js';
import { getRiskRecord, type StoredRiskRecord } from '../../store/riskRecords.js';
import { getAssetHead } from '../../store/assetHeads.js';
import { FeeCapExceededError, estimateFees } from '../../chain/fees/estimateFees.js';
import { batchDigest } from '../../chain/oracle/batchDigest.js';
import { batchTypedData } from '../../chain/oracle/batchTypedData.js';
import { decodeOracleError } from '../../chain/oracle/decodeOracleError.js';
import { encodeBatch } from '../../chain/oracle/encodeBatch.js';
import { packSignatures } from '../../chain/oracle/packSignatures.js';
import { readLatest } from '../../chain/oracle/readLatest.js';
import { RISK_ORACLE_ABI } from '../../chain/oracle/riskOracleAbi.js';
import { riskOracleContract } from '../../chain/oracle/riskOracleContract.js';
import type { OracleBatch } from '../../chain/oracle/types.js';
import type { PublisherContext } from './PublisherContext.js';
import { recordDropped, recordOutcome, type RecordedOutcome } from './recordOutcome.js';
import { sendAndConfirm } from './sendAndConfirm.js';

export interface PublishStageParams {
  /** The compute stage's results for this cycle. */
  readonly records: readonly { readonly asset: string; readonly ts: number; readonly publishDue: boolean }[];
}

/** An asset the oracle refused (estimateGas reverted naming it): recorded on its record, not sent. */
export interface RejectedAsset {
  readonly asset: string;
  readonly error: string;
}

export type PublishStageResult =
  | { readonly status: 'nothing-due'; readonly recovered: readonly RecordedOutcome[] }
  | { readonly status: 'busy'; readonly detail: string }
  | { readonly status: 'pending'; readonly round: string; readonly txHash: string }
  /** Another transaction took the nonce; the round is free again and the records stay due. */
  | {
      readonly status: 'dropped';
      readonly round: string;
      readonly error: string;
      readonly recovered: readonly RecordedOutcome[];
    }
  | {
      readonly status: 'rejected';
      readonly round: string;
      readonly error: string;
      readonly assets: readonly string[];
      /** Every asset refused in this step, with its reason. */
      readonly rejected: readonly RejectedAsset[];
    }
  | ({
      readonly status: 'mined' | 'reverted';
      readonly round: string;
      readonly signer: string;
      readonly assets: readonly PublishedAsset[];
      /** Assets left out of the batch because the oracle refused them (their records carry the reason). */
      readonly rejected: readonly RejectedAsset[];
      readonly recovered: readonly RecordedOutcome[];
    } & RecordedOutcome);

/** Finishes every transaction a previous invocation left open, oldest nonce first. */
async function reconcile(
  context: PublisherContext,
  sender: string,
  oracle: string,
): Promise<RecordedOutcome[] | { pending: LedgerEntry; txHash: string }> {
  const recovered: RecordedOutcome[] = [];
  const open = (await listOpenLedgerEntries(context.dynamo, context.tables, sender)).sort(
    (a, b) => a.nonce - b.nonce,
  );
  for (const entry of open) {
    logger.info('reconciling an open ledger entry', {
      nonce: entry.nonce,
      round: entry.round,
      status: entry.status,
    });
    const publication = await getPublication(context.dynamo, context.tables, oracle, entry.round);
    const outcome = await sendAndConfirm(context, entry);
    if (outcome.kind === 'pending') return { pending: entry, txHash: outcome.txHash };
    recovered.push(
      outcome.kind === 'dropped'
        ? await recordDropped(context, entry, publication, outcome.accountNonce)
        : await recordOutcome(context, entry, publication, outcome.receipt),
    );
  }
  return recovered;
}

/** The due records still worth publishing: not yet on-chain, and newer than the asset's head. */
async function loadDue(context: PublisherContext, params: PublishStageParams): Promise<StoredRiskRecord[]> {
  const due = params.records.filter((r) => r.publishDue);
  const loaded = await Promise.all(
    due.map(async (r) => {
      const [stored, head] = await Promise.all([
        getRiskRecord(context.dynamo, context.tables, r),
        getAssetHead(context.dynamo, context.tables, r.asset),
      ]);
      if (stored.round !== undefined) return undefined;
      if (head !== undefined && head.recordTs >= r.ts) return undefined;
      return stored;
    }),
  );
  return loaded
    .filter((r): r is StoredRiskRecord => r !== undefined)
    .sort((a, b) => a.asset.localeCompare(b.asset));
}

async function recordRejection(
  context: PublisherContext,
  records: readonly StoredRiskRecord[],
  error: string,
): Promise<void> {
  await Promise.all(
    records.map((r) =>
      context.dynamo.doc.send(
        new UpdateCommand({
          TableName: context.tables.parameters,
          Key: { asset: r.asset, ts: r.ts },
          UpdateExpression: 'SET publishError = :error',
          ExpressionAttributeValues: { ':error': error },
        }),
      ),
    ),
  );
}

async function emitChainMetrics(context: PublisherContext, signer: string): Promise<void> {
  const now = context.now();
  await Promise.all(
    Object.keys(context.config.assets).map(async (asset) => {
      const latest = await context.rpc
        .call((provider) => readLatest({ address: context.oracleAddress, runner: provider }, asset))
        .catch(() => undefined);
      if (latest === undefined) return;
      const staleness = metrics.singleMetric();
      staleness.addDimension('Asset', asset);
      staleness.addMetric(
        'AssetStalenessSeconds',
        MetricUnit.Seconds,
        Math.max(0, now / 1000 - latest.observedAt),
      );
    }),
  );
  const balance = await context.rpc.call((provider) => provider.getBalance(signer));
  metrics.addMetric('SignerBalanceEth', MetricUnit.Count, Number(formatEther(balance)));
}

const RISK_ORACLE_INTERFACE = new Interface(RISK_ORACLE_ABI);

type BuiltBatch = {
  readonly kind: 'built';
  readonly batch: OracleBatch;
  readonly signature: string;
  readonly data: string;
  readonly gasLimit: bigint;
};

/**
 * Builds the batch of `records`, signs it ONCE (EIP-712, one KMS Sign whatever the number of
 * assets) and estimates its gas. A revert in the estimate means the contract refuses the batch:
 * returned with its decoded reason (and the asset it names, if any) instead of being sent.
 */
async function buildBatch(
  context: PublisherContext,
  {
    records,
    round,
    signer,
    domain,
  }: {
    records: readonly StoredRiskRecord[];
    round: bigint;
    signer: string;
    domain: { chainId: bigint; verifyingContract: string };
  },
): Promise<BuiltBatch | { kind: 'refused'; reason: string; asset?: string }> {
  const batch: OracleBatch = {
    round,
    // The oldest collection time in the batch: the contract judges freshness by it.
    observedAt: Math.floor(Math.min(...records.map((r) => r.ts)) / 1000),
    updates: records.map(({ asset, record }) => ({
      asset,
      volIndexBps: record.candidate.volIndexBps,
      ltvBps: record.candidate.ltvBps,
      ltBps: record.candidate.ltBps,
      lbBps: record.candidate.lbBps,
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

/**
 * Stage 3, the single writer to the chain for (chain, key). Holds a DynamoDB lease for the whole
 * step, first finishes any transaction a previous invocation left open (so a retried Lambda never
 * publishes twice), then batches the due assets, signs the batch ONCE (EIP-712), records the
 * round and the signed transaction before broadcasting, and records the outcome.
 *
 * An asset the contract refuses (estimateGas reverts naming it, e.g. out of its guardrails) is
 * recorded as rejected on its record and the rest is batched and signed again without it; a
 * refusal naming no asset rejects the batch. Chain metrics (staleness, signer balance) follow
 * every step that held the lease.
 */
export async function publishStage(
  context: PublisherContext,
  params: PublishStageParams,
): Promise<PublishStageResult> {
  const signer = await context.signer.getAddress();
  const result = await publishUnderLease(context, params, signer);
  // Every step that ran, not only those that published: staleness grows precisely in the cycles
  // where nothing is published (or publishing fails). Read after the lease is released.
  if (result.status !== 'busy') {
    await emitChainMetrics(context, signer).catch((error: unknown) =>
      logger.warn('chain metrics failed', { error }),
    );
  }
  return result;
}

async function publishUnderLease(
  context: PublisherContext,
  params: PublishStageParams,
  signer: string,
): Promise<PublishStageResult> {
  const chainId = context.rpc.chainId;
  const sender = ledgerSender(chainId, signer);
  const oracle = oracleKey(chainId, context.oracleAddress);
  const leaseName = `publisher#${sender}`;
  if (
    !(await acquireLease(context.dynamo, context.tables, {
      name: leaseName,
      owner: context.invocationId,
      now: context.now(),
      ttlMs: context.timing.leaseTtlMs,
    }))
  ) {
    metrics.addMetric('PublisherBusy', MetricUnit.Count, 1);
    return { status: 'busy', detail: `another publisher holds the lease ${leaseName}` };
  }
  try {
    const reconciled = await reconcile(context, sender, oracle);
    if (!Array.isArray(reconciled))
      return { status: 'pending', round: reconciled.pending.round, txHash: reconciled.txHash };
    let records = await loadDue(context, params);
    if (records.length === 0) return { status: 'nothing-due', recovered: reconciled };

    // Every chain read goes through rpc.call with the provider it hands out: a contract bound to
    // one provider would keep reading a dead endpoint (or one on another chain) after a failover.
    const lastRound = (await context.rpc.call((provider) =>
      riskOracleContract({ address: context.oracleAddress, runner: provider }).getFunction('lastRound')(),
    )) as bigint;
    const round = (lastRound + 1n).toString();
    const domain = { chainId, verifyingContract: context.oracleAddress };
    // Fees first: above the chain's cap nothing is signed at all (the step fails and alarms).
    const fees = await context.rpc
      .call((provider) => estimateFees(provider, context.feePolicy))
      .catch((error: unknown) => {
        if (error instanceof FeeCapExceededError) metrics.addMetric('FeeCapReached', MetricUnit.Count, 1);
        throw error;
      });
    const rejected: RejectedAsset[] = [];
    let built: BuiltBatch;
    for (;;) {
      const attempt = await buildBatch(context, { records, round: lastRound + 1n, signer, domain });
      if (attempt.kind === 'built') {
        built = attempt;
        break;
      }
      const culprit =
        attempt.asset === undefined ? undefined : records.find((r) => r.asset === attempt.asset);
      if (culprit === undefined || records.length === 1) {
        // Nothing to single out: the whole batch is refused (e.g. a stale observation).
        logger.error('the oracle refused the batch; nothing was sent', { round, reason: attempt.reason });
        metrics.addMetric('PublishFailures', MetricUnit.Count, 1);
        await recordRejection(context, records, attempt.reason);
        return {
          status: 'rejected',
          round,
          error: attempt.reason,
          assets: records.map((r) => r.asset),
          rejected: [...rejected, ...records.map((r) => ({ asset: r.asset, error: attempt.reason }))],
        };
      }
      // One asset out of its on-chain guardrails must not hold the others back: it is recorded
      // as rejected and the rest is batched (and signed) again without it.
      logger.error('the oracle refused one asset; publishing the rest without it', {
        round,
        asset: culprit.asset,
        reason: attempt.reason,
      });
      metrics.addMetric('PublishFailures', MetricUnit.Count, 1);
      await recordRejection(context, [culprit], attempt.reason);
      rejected.push({ asset: culprit.asset, error: attempt.reason });
      records = records.filter((r) => r !== culprit);
    }
    const { batch, signature, data, gasLimit } = built;

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
    const assets: PublishedAsset[] = records.map(({ asset, ts, record }) => ({
      asset,
      recordTs: ts,
      volIndexBps: record.candidate.volIndexBps,
      ltvBps: record.candidate.ltvBps,
      ltBps: record.candidate.ltBps,
      lbBps: record.candidate.lbBps,
    }));
    const publication: Publication = {
      oracle,
      round,
      chainId: Number(chainId),
      oracleAddress: context.oracleAddress,
      observedAt: batch.observedAt,
      assets,
      batchDigest: batchDigest(domain, batch),
      signatures: [signature],
      signer,
      sender: signer,
      nonce,
      status: 'pending',
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
    // Renewed right before anything is recorded or sent: if this step outlived its lease and
    // another invocation took it over, this one stops here (nothing recorded, nothing sent).
    if (
      !(await acquireLease(context.dynamo, context.tables, {
        name: leaseName,
        owner: context.invocationId,
        now: context.now(),
        ttlMs: context.timing.leaseTtlMs,
      }))
    ) {
      metrics.addMetric('PublisherBusy', MetricUnit.Count, 1);
      return {
        status: 'busy',
        detail: `lease ${leaseName} expired and was taken over before round ${round} was sent`,
      };
    }
    await beginPublication(context.dynamo, context.tables, publication, entry);
    metrics.addMetric('BatchSize', MetricUnit.Count, records.length);

    const outcome = await sendAndConfirm(context, entry);
    if (outcome.kind === 'pending') return { status: 'pending', round, txHash: outcome.txHash };
    if (outcome.kind === 'dropped') {
      const dropped = await recordDropped(context, entry, publication, outcome.accountNonce);
      metrics.addMetric('PublishFailures', MetricUnit.Count, 1);
      return { status: 'dropped', round, error: dropped.error ?? 'dropped', recovered: reconciled };
    }
    const recorded = await recordOutcome(context, entry, publication, outcome.receipt);
    metrics.addMetric('BatchGasUsed', MetricUnit.Count, Number(recorded.gasUsed));
    if (recorded.status === 'reverted') metrics.addMetric('PublishFailures', MetricUnit.Count, 1);
    return { ...recorded, round, signer, assets, rejected, recovered: reconciled };
  } finally {
    await releaseLease(context.dynamo, context.tables, leaseName, context.invocationId);
  }
}
