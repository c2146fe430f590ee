import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { FeeCapExceededError } from '../../chain/fees/errors.js';
import { estimateFees } from '../../chain/fees/estimateFees.js';
import { riskOracleContract } from '../../chain/oracle/riskOracleContract.js';
import { BALLAST_METRICS } from '../../observability/metricNames.js';
import { logger, metrics } from '../../observability/powertools.js';
import { beginPublication } from '../../store/beginPublication.js';
import { acquireLease } from '../../store/acquireLease.js';
import { releaseLease } from '../../store/releaseLease.js';
import { ledgerSender } from '../../store/ledgerSender.js';
import { oracleKey } from '../../store/oracleKey.js';
import { buildAcceptedBatch } from './buildAcceptedBatch.js';
import { computeRoundImpact } from './computeRoundImpact.js';
import { loadDueRecords } from './loadDueRecords.js';
import { prepareRound } from './prepareRound.js';
import type { PublisherContext } from './PublisherContext.js';
import type { PublishStageParams, PublishStageResult } from './publishStage.js';
import { reconcileLedger } from './reconcileLedger.js';
import { repairBookkeeping } from './repairBookkeeping.js';
import { recordDropped } from './recordDropped.js';
import { recordOutcome } from './recordOutcome.js';
import { sendAndConfirm } from './sendAndConfirm.js';

/**
 * The publish step under the (chain, key) lease: reconcile what a previous invocation left open,
 * load the due records, build and sign the batch the oracle accepts, record round and signed
 * transaction, send, record the outcome. The lease is released whatever happens.
 */
export async function publishUnderLease(
  context: PublisherContext,
  params: PublishStageParams,
  signer: string,
): Promise<PublishStageResult> {
  const chainId = context.rpc.chainId;
  const sender = ledgerSender(chainId, signer);
  const oracle = oracleKey(chainId, context.oracleAddress);
  const leaseName = `publisher#${sender}`;
  const takeLease = (): Promise<boolean> =>
    acquireLease(context.dynamo, context.tables, {
      name: leaseName,
      owner: context.invocationId,
      now: context.now(),
      ttlMs: context.timing.leaseTtlMs,
    });
  if (!(await takeLease())) {
    metrics.addMetric(BALLAST_METRICS.publisherBusy, MetricUnit.Count, 1);
    return { status: 'busy', detail: `another publisher holds the lease ${leaseName}` };
  }
  // Renewed every third of its lifetime while this step works: a dead publisher blocks the next
  // one for at most one lifetime. A failed renewal means another invocation took it over.
  let lost = false;
  let renewal: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewal = renewal
      .then(takeLease)
      .then((held) => void (held ? undefined : (lost = true)))
      .catch((error: unknown) => logger.warn('lease renewal failed', { error }));
  }, context.timing.leaseTtlMs / 3);
  heartbeat.unref();
  try {
    const reconciled = await reconcileLedger(context, { sender, oracle });
    if (reconciled.kind === 'pending')
      return { status: 'pending', round: reconciled.entry.round, txHash: reconciled.txHash };
    const repaired = await repairBookkeeping(context, { sender, oracle });
    const recovered = reconciled.recovered;
    const { due, skipped, catchUp } = await loadDueRecords(context, params.records);
    if (due.length === 0) return { status: 'nothing-due', recovered, repaired, skipped };
    if (catchUp.length > 0)
      logger.info('this chain lags behind another: publishing the current records', {
        chainId: chainId.toString(),
        catchUp,
      });

    // Every chain read goes through rpc.call with the provider it hands out: a contract bound to
    // one provider would keep reading a dead endpoint (or one on another chain) after a failover.
    const lastRound = (await context.rpc.call((provider) =>
      riskOracleContract({ address: context.oracleAddress, runner: provider }).getFunction('lastRound')(),
    )) as bigint;
    const round = (lastRound + 1n).toString();
    // Fees first: above the chain's cap nothing is signed at all (the step fails and alarms).
    const fees = await context.rpc
      .call((provider) => estimateFees(provider, context.feePolicy))
      .catch((error: unknown) => {
        if (error instanceof FeeCapExceededError)
          metrics.addMetric(BALLAST_METRICS.feeCapReached, MetricUnit.Count, 1);
        throw error;
      });
    const accepted = await buildAcceptedBatch(context, {
      records: due,
      round: lastRound + 1n,
      signer,
      domain: { chainId, verifyingContract: context.oracleAddress },
    });
    if (accepted.kind === 'rejected') {
      return {
        status: 'rejected',
        round,
        error: accepted.error,
        assets: accepted.assets,
        rejected: accepted.rejected,
      };
    }
    const { records, rejected } = accepted;
    // Before anything is signed: who this round would push under HF 1 (informs, never blocks).
    const impact = await computeRoundImpact(context, { batch: records, cycle: params.records });
    const { publication, entry, assets } = await prepareRound(context, {
      impact,
      built: accepted.built,
      records,
      signer,
      sender,
      oracle,
      fees,
    });
    // Renewed right before anything is recorded or sent: if this step outlived its lease and
    // another invocation took it over, this one stops here (nothing recorded, nothing sent).
    if (lost || !(await takeLease())) {
      metrics.addMetric(BALLAST_METRICS.publisherBusy, MetricUnit.Count, 1);
      return {
        status: 'busy',
        detail: `lease ${leaseName} expired and was taken over before round ${round} was sent`,
      };
    }
    await beginPublication(context.dynamo, context.tables, publication, entry);
    metrics.addMetric(BALLAST_METRICS.batchSize, MetricUnit.Count, records.length);

    const outcome = await sendAndConfirm(context, entry);
    if (outcome.kind === 'pending') return { status: 'pending', round, txHash: outcome.txHash };
    if (outcome.kind === 'dropped') {
      const dropped = await recordDropped(context, entry, publication, outcome.accountNonce);
      metrics.addMetric(BALLAST_METRICS.publishFailures, MetricUnit.Count, 1);
      return { status: 'dropped', round, error: dropped.error ?? 'dropped', recovered, repaired };
    }
    const recorded = await recordOutcome(context, entry, publication, outcome.receipt);
    metrics.addMetric(BALLAST_METRICS.batchGasUsed, MetricUnit.Count, Number(recorded.gasUsed));
    if (recorded.status === 'reverted')
      metrics.addMetric(BALLAST_METRICS.publishFailures, MetricUnit.Count, 1);
    return { ...recorded, round, signer, assets, rejected, recovered, repaired, impact };
  } finally {
    clearInterval(heartbeat);
    // A renewal still in flight would take the lease again after the release.
    await renewal;
    await releaseLease(context.dynamo, context.tables, leaseName, context.invocationId);
  }
}
